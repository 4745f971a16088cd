package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;
import dev.labc.shell.SecretResolver;
import java.util.ArrayList;

/**
 * MIG mode on cards 0 to {@code count - 1} ({@code nvidia-smi -i N -mig 1}). The check reads the
 * pending mode, what the next GPU reset or boot makes current: once set, the step is done, and the
 * reboot the plan marks it with ({@link dev.labc.plan.Disruption#REBOOT}) makes it take effect.
 * Deleting turns MIG off the same way.
 */
public final class MigModeResource implements HostResource<HostStep.MigMode> {

    @Override
    public String check(HostStep.MigMode m) {
        var each = new ArrayList<String>();
        for (long i = 0; i < m.count(); i++) {
            String read = MigResource.smi(m.driverRoot()).literal("-i").value(Long.toString(i))
                    .literal("--query-gpu=mig.mode.pending --format=csv,noheader,nounits").build().render(SecretResolver.NONE);
            each.add("[ \"$(" + read + ")\" = Enabled ]");
        }
        return each.isEmpty() ? "true" : String.join(" && ", each);
    }

    @Override
    public String apply(HostStep.MigMode m, SecretResolver secrets) {
        return set(m, "1");
    }

    @Override
    public String delete(HostStep.MigMode m) {
        return set(m, "0");
    }

    private static String set(HostStep.MigMode m, String mode) {
        var each = new ArrayList<String>();
        for (long i = 0; i < m.count(); i++)
            each.add(MigResource.smi(m.driverRoot()).literal("-i").value(Long.toString(i)).literal("-mig").value(mode).build().render(SecretResolver.NONE));
        return each.isEmpty() ? "true" : String.join(" && ", each);
    }
}
