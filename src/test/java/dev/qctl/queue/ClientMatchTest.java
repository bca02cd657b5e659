package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.model.MessageOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMatchTest {
    private static MessageOrigin from(String address, String name) {
        return new MessageOrigin(null, null, address, name, null, null, null, null);
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.2, 127.0.0.2, true",
            "127.0.0.2, 127.0.0.3, false",
            "127.0.0.0/30, 127.0.0.3, true",
            "127.0.0.0/30, 127.0.0.4, false",
            "10.0.0.0/8, 10.200.1.1, true",
            "0.0.0.0/0, 192.0.2.1, true",
            "2001:db8::/32, 2001:db8:1::5, true",
            "2001:db8::/32, 2001:db9::5, false",
            "2001:db8::1, 2001:0db8:0:0:0:0:0:1, true",
            "2001:db8::1, IPv6:2001:db8::1, true",
            "192.0.2.0/24, ::ffff:192.0.2.7, true",
            "192.0.2.0/24, 2001:db8::1, false",
    })
    void addressesAndNetworks(String spec, String client, boolean matches) {
        assertThat(ClientMatch.parse(spec).matches(from(client, null))).isEqualTo(matches);
    }

    @Test
    void otherwiseAPatternOnTheNameOrTheAddress() {
        ClientMatch web = ClientMatch.parse("*.web.example");
        assertThat(web.matches(from("192.0.2.1", "host1.web.example"))).isTrue();
        assertThat(web.matches(from("192.0.2.1", "mail.example"))).isFalse();
        assertThat(ClientMatch.parse("/^127\\.0\\.0\\.[23]$/").matches(from("127.0.0.3", "unknown"))).isTrue();
        assertThat(ClientMatch.parse("192.0.2.*").matches(from("192.0.2.9", null))).isTrue();
    }

    @Test
    void noClientMatchesNothing() {
        assertThat(ClientMatch.parse("0.0.0.0/0").matches(MessageOrigin.UNKNOWN)).isFalse();
        assertThat(ClientMatch.parse("*").matches(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0/8", "300.1.1.1", "10.0.0.1/x", "2001:db8::/129", "host/24", ""})
    void invalidAddressesAndNetworksAreErrors(String spec) {
        assertThatThrownBy(() -> ClientMatch.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }
}
