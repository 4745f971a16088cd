package dev.labc.runtime.facts;

import dev.labc.facts.Gpu;
import dev.labc.facts.Nvidia;
import dev.labc.shell.ShellCommand;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * {@code nvidia-smi -q -x}. The document names a DTD ({@code nvsmi_device_v13.dtd}) that is not on
 * the host we parse on, and XML from a host is untrusted: the JDK parser runs with external
 * entities, external DTD loading and XInclude off (OWASP XXE settings). GPUs are indexed in
 * document order, which is nvidia-smi's index order; minor numbers can differ.
 */
public final class NvidiaSmiXmlParser implements FactGatherer<Nvidia> {

    @Override
    public String id() {
        return "nvidia-xml";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("nvidia-smi", "-q", "-x");
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return FactGatherer.programOnPath("nvidia-smi");
    }

    @Override
    public Nvidia parse(String stdout) throws FactParseException {
        Text.requireContent(id(), stdout);
        Document doc;
        try {
            doc = builder().parse(new InputSource(new StringReader(stdout)));
        } catch (SAXException | IOException e) {
            throw new FactParseException(id(), "not valid XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("nvidia_smi_log")) {
            throw new FactParseException(id(), "root element is <" + root.getTagName() + ">, not <nvidia_smi_log>");
        }
        List<Gpu> gpus = new ArrayList<>();
        for (Element gpu : children(root, "gpu")) {
            int index = gpus.size();
            gpus.add(FactParseException.guard(id(), () -> gpu(index, gpu)));
        }
        return new Nvidia(text(root, "driver_version"), text(root, "cuda_version"), gpus, List.of());
    }

    private Gpu gpu(int index, Element gpu) throws FactParseException {
        String uuid = text(gpu, "uuid");
        String name = text(gpu, "product_name");
        Double memory = NvidiaValues.number(text(gpu, "fb_memory_usage", "total"));
        if (uuid == null || name == null || memory == null) {
            throw new FactParseException(id(), "GPU " + index + " lacks uuid, product_name or fb_memory_usage/total");
        }
        // Drivers before 530 report the limit under power_readings/power_limit.
        String limit = firstAvailable(text(gpu, "gpu_power_readings", "current_power_limit"),
                text(gpu, "power_readings", "current_power_limit"), text(gpu, "power_readings", "power_limit"));
        String pci = text(gpu, "pci", "pci_bus_id");
        return new Gpu(index, uuid, name, memory.longValue(), NvidiaValues.number(limit),
                NvidiaValues.enabled(text(gpu, "persistence_mode")),
                NvidiaValues.migMode(text(gpu, "mig_mode", "current_mig")),
                pci != null ? pci : gpu.getAttribute("id"));
    }

    private static String firstAvailable(String... values) {
        for (String v : values) {
            if (!NvidiaValues.unavailable(v)) {
                return v;
            }
        }
        return null;
    }

    /** Text of the element at {@code path} below {@code from}, trimmed; null if absent. */
    private static String text(Element from, String... path) {
        Element e = from;
        for (String step : path) {
            List<Element> next = children(e, step);
            if (next.isEmpty()) {
                return null;
            }
            e = next.getFirst();
        }
        return e.getTextContent().strip();
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static DocumentBuilder builder() throws FactParseException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            // Any entity that still resolves gets nothing: belt and braces for the settings above.
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return b;
        } catch (ParserConfigurationException e) {
            throw new FactParseException("nvidia-xml", "XML parser cannot be configured safely: " + e.getMessage(), e);
        }
    }
}
