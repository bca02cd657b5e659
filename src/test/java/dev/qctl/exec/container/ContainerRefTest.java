package dev.qctl.exec.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerRefTest {
    @Test
    void parsesEachRuntimesForm() {
        assertThat(ContainerRef.parse("docker:postfix-mailcow"))
                .isEqualTo(new ContainerRef(ContainerRuntime.DOCKER, null, "postfix-mailcow", null));
        assertThat(ContainerRef.parse("podman:mailserver.1"))
                .isEqualTo(new ContainerRef(ContainerRuntime.PODMAN, null, "mailserver.1", null));
        assertThat(ContainerRef.parse("kubectl:mail/postfix-0:postfix"))
                .isEqualTo(new ContainerRef(ContainerRuntime.KUBECTL, "mail", "postfix-0", "postfix"));
        assertThat(ContainerRef.parse("kubectl:relay.example.com"))
                .isEqualTo(new ContainerRef(ContainerRuntime.KUBECTL, null, "relay.example.com", null));
        assertThat(ContainerRef.parse("kubectl:postfix-0:mta").display()).isEqualTo("kubectl:postfix-0:mta");
        assertThat(ContainerRef.parse("kubectl:mail/postfix-0:mta").display()).isEqualTo("kubectl:mail/postfix-0:mta");
    }

    @Test
    void looksLikeOnlyForARuntimesName() {
        assertThat(ContainerRef.looksLike("docker:mx")).isTrue();
        assertThat(ContainerRef.looksLike("kubectl:mx")).isTrue();
        assertThat(ContainerRef.looksLike("mx1:2222")).isFalse();
        assertThat(ContainerRef.looksLike("root@docker")).isFalse();
        assertThat(ContainerRef.looksLike("docker")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker:", "docker:-rm", "docker:--privileged", "docker:a b", "docker:a;id", "docker:$(id)",
            "podman:_x", "podman:x/y", "kubectl:", "kubectl:Upper", "kubectl:-n", "kubectl:mail/", "kubectl:/pod",
            "kubectl:pod:", "kubectl:pod:-c", "kubectl:pod-", "kubectl:Mail/pod", "kubectl:mail/pod:C", "kubectl:a_b",
            "lxc:mx"})
    void refusesNamesOutsideTheRuntimesGrammar(String word) {
        assertThatThrownBy(() -> ContainerRef.parse(word)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid container target '" + word + "': ");
    }

    @Test
    void kubernetesLengthLimits() {
        assertThat(ContainerRef.parse("kubectl:" + "n".repeat(63) + "/pod").namespace()).hasSize(63);
        assertThatThrownBy(() -> ContainerRef.parse("kubectl:" + "n".repeat(64) + "/pod"))
                .hasMessageContaining("not a valid namespace");
        assertThatThrownBy(() -> ContainerRef.parse("kubectl:" + "p".repeat(254))).hasMessageContaining("not a valid pod name");
    }
}
