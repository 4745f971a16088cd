package dev.labc.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts real OpenSSH hosts (testbed/testbed) once for the annotated test class and stops them
 * after it; test methods, constructors and lifecycle methods receive them as {@link TestbedHosts}.
 * Classes run one after another: every testbed uses the addresses 127.0.10.1..N.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("integration")
@ExtendWith(TestbedExtension.class)
public @interface Testbed {
    /** Number of hosts, host1..hostN at 127.0.10.1..N. */
    int hosts() default 5;

    /**
     * A system property that, when set, overrides {@link #hosts()}: a class that CI runs at a small
     * size and a person runs by hand at a large one ({@code -Dlabc.limits.hosts=200}).
     */
    String hostsProperty() default "";

    /** systemd as PID 1 in every host (implies {@link #netns()}); ~20 MiB and ~0.25 s per host. */
    boolean systemd() default false;

    /** Own network namespace per host, reached through a forwarder on 127.0.10.i:22. */
    boolean netns() default false;

    /**
     * A cluster network between the hosts (implies {@link #netns()}): host i gets the address
     * cidrhost(lan, i) on {@code lan0}, bridged in a namespace of the testbed's own and routed nowhere
     * else; labc still dials 127.x (a node's {@code ssh_address}). Empty: no such network.
     */
    String lan() default "";

    /**
     * Debian packages the hosts can install with their real apt (use {@link #systemd()} hosts to run
     * their daemons): scripts/debian-packages fetches them and their dependencies
     * missing here, once, into .cache/debian, and the hosts get it as their only apt source.
     */
    String[] debianPackages() default {};

    /** Adds user {@value TestbedHosts#SUDO_USER} with the client key and passwordless sudo. */
    boolean sudoUser() default false;
}
