package dev.labc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class DialAllowListTest {
    @Test
    void loopbackOnly() throws Exception {
        var list = DialAllowList.parse("127.0.0.0/8");
        assertTrue(list.allows(InetAddress.getByName("127.0.21.3")));
        assertFalse(list.allows(InetAddress.getByName("10.0.1.11")));
        assertFalse(list.allows(InetAddress.getByName("128.0.0.1")));
        var e = assertThrows(TransportException.class, () -> list.check("gpu-1", InetAddress.getByName("10.0.1.11")));
        assertEquals(TransportException.Kind.NOT_ALLOWED, e.kind());
    }

    @Test
    void prefixesThatDoNotEndOnAByteAndIpv6() throws Exception {
        var list = DialAllowList.parse(" 10.0.1.8/29 , ::1/128, fd00::/8");
        assertTrue(list.allows(InetAddress.getByName("10.0.1.15")));
        assertFalse(list.allows(InetAddress.getByName("10.0.1.16")));
        assertTrue(list.allows(InetAddress.getByName("::1")));
        assertTrue(list.allows(InetAddress.getByName("fd12::1")));
        assertFalse(list.allows(InetAddress.getByName("fe80::1")));
        assertFalse(list.allows(InetAddress.getByName("127.0.0.1")), "an IPv4 address is not in an IPv6 range");
    }

    @Test
    void unrestrictedAllowsEverythingAndBadEntriesAreNamed() throws Exception {
        assertTrue(DialAllowList.unrestricted().allows(InetAddress.getByName("192.0.2.1")));
        var e = assertThrows(IllegalArgumentException.class, () -> DialAllowList.parse("127.0.0.0/8,localhost"));
        assertTrue(e.getMessage().contains("\"localhost\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DialAllowList.parse("10.0.0.0/33"));
    }
}
