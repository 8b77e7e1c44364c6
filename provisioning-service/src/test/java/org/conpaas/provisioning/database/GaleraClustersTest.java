package org.conpaas.provisioning.database;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Who forms a service's Galera cluster, who joins through whom, and which node applies the admin password. */
class GaleraClustersTest {

    private static final String SVC = "svc-1";
    private final DatabaseNodes nodes = mock(DatabaseNodes.class);
    private final DatabaseCredentials credentials = mock(DatabaseCredentials.class);
    private final DatabaseBindings bindings = mock(DatabaseBindings.class);
    private final GaleraClusters clusters = new GaleraClusters(nodes, credentials, mock(DatabaseArchives.class), mock(DatabaseImports.class),
            bindings);

    {
        when(credentials.agentPassword(SVC)).thenReturn("p".repeat(32));
    }

    private static DatabaseNode node(String id, int age, boolean member, String host) {
        return new DatabaseNode(id, "RUNNING", host, host == null ? Map.of() : Map.of("mysql", 3306, "galera", 4567), member,
                member ? "Synced" : null, member ? 1 : 0, Instant.EPOCH.plusSeconds(age));
    }

    @Test
    void withNoMemberTheOldestNodeFormsTheClusterAndTheOthersWait() {
        when(nodes.aliveOf(SVC)).thenReturn(List.of(node("n1", 1, false, "10.0.0.1"), node("n2", 2, false, "10.0.0.2")));
        assertThat(clusters.answer("n1", SVC).bootstrap()).isTrue();
        GaleraClusters.Answer second = clusters.answer("n2", SVC);
        assertThat(second.bootstrap()).isFalse();
        assertThat(second.peers()).isEmpty();
        assertThat(second.agentPassword()).hasSize(32);
    }

    @Test
    void onceANodeIsInTheClusterTheOthersJoinThroughTheMembersAndNobodyFormsAnother() {
        when(nodes.aliveOf(SVC)).thenReturn(List.of(node("n1", 1, false, "10.0.0.1"), node("n2", 2, true, "10.0.0.2"),
                node("n3", 3, true, "10.0.0.3"), node("n4", 4, true, null)));
        GaleraClusters.Answer oldest = clusters.answer("n1", SVC);
        assertThat(oldest.bootstrap()).as("the oldest node, its server restarted, rejoins rather than forming a second cluster").isFalse();
        assertThat(oldest.peers()).extracting(GaleraClusters.Peer::node).containsExactly("n2", "n3");
        assertThat(clusters.answer("n3", SVC).peers()).extracting(GaleraClusters.Peer::node).containsExactly("n2");
    }

    @Test
    void nodesJoinOneAtATimeOldestFirst() {
        when(nodes.aliveOf(SVC)).thenReturn(List.of(node("n1", 1, true, "10.0.0.1"), node("n2", 2, false, "10.0.0.2"),
                node("n3", 3, false, "10.0.0.3")));
        assertThat(clusters.answer("n2", SVC).peers()).extracting(GaleraClusters.Peer::node).containsExactly("n1");
        assertThat(clusters.answer("n3", SVC).peers()).as("n3 waits until n2 is in").isEmpty();
        assertThat(clusters.answer("n3", SVC).bootstrap()).isFalse();
    }

    @Test
    void anAdminPasswordGoesToTheOldestMemberOnlyAndIsForgottenOnceApplied() {
        when(nodes.aliveOf(SVC)).thenReturn(List.of(node("n1", 1, false, "10.0.0.1"), node("n2", 2, true, "10.0.0.2"),
                node("n3", 3, true, "10.0.0.3")));
        when(credentials.pending(SVC)).thenReturn(Optional.of(new DatabaseCredentials.PendingPassword(2, "chosen-pass")));
        assertThat(clusters.answer("n1", SVC).adminPassword()).isNull();
        assertThat(clusters.answer("n3", SVC).adminPassword()).isNull();
        GaleraClusters.Answer applier = clusters.answer("n2", SVC);
        assertThat(applier.adminPassword()).isEqualTo("chosen-pass");
        assertThat(applier.adminPasswordSerial()).isEqualTo(2L);
        assertThat(applier.toString()).doesNotContain("chosen-pass").doesNotContain("ppp");

        clusters.report("n2", SVC, new DatabaseReport(Map.of("mysql", 3306), true, "Synced", 3, 2L, null));
        verify(credentials).applied(SVC, 2L);
    }

    @Test
    void theBindingsAccountsGoToTheApplyingMemberUntilItReportsThemInPlace() {
        when(nodes.aliveOf(SVC)).thenReturn(List.of(node("n1", 1, true, "10.0.0.1"), node("n2", 2, true, "10.0.0.2")));
        DatabaseBindings.Accounts wanted = new DatabaseBindings.Accounts("a".repeat(64),
                List.of(new DatabaseBindings.Account("cpb_abc", "secret-password", "shop")));
        when(bindings.accountsOf(SVC)).thenReturn(wanted);
        assertThat(clusters.answer("n2", SVC).accounts()).isNull();
        GaleraClusters.Answer applier = clusters.answer("n1", SVC);
        assertThat(applier.accounts()).containsExactly(new DatabaseBindings.Account("cpb_abc", "secret-password", "shop"));
        assertThat(applier.accountsHash()).isEqualTo("a".repeat(64));
        assertThat(wanted.toString()).doesNotContain("secret-password");

        clusters.report("n2", SVC, new DatabaseReport(Map.of("mysql", 3306), true, "Synced", 2, null, "b".repeat(64)));
        verify(bindings, never()).applied(SVC, "b".repeat(64));
        clusters.report("n1", SVC, new DatabaseReport(Map.of("mysql", 3306), true, "Synced", 2, null, "a".repeat(64)));
        verify(bindings).applied(SVC, "a".repeat(64));
        when(bindings.inPlace(SVC, wanted)).thenReturn(true);
        assertThat(clusters.answer("n1", SVC).accounts()).as("in place: not sent again").isNull();
        assertThat(new DatabaseReport(Map.of(), true, "Synced", 2, null, "not-a-hash").problem()).contains("accountsHash");
    }

    @Test
    void aReportWithForeignPortsOrAMadeUpStateIsRefused() {
        assertThat(new DatabaseReport(Map.of("ssh", 2222), true, "Synced", 3, null, null).problem()).contains("database.ports names");
        assertThat(new DatabaseReport(Map.of("mysql", 80), true, "Synced", 3, null, null).problem()).contains("1024..65535");
        assertThat(new DatabaseReport(Map.of(), true, "<script>", 3, null, null).problem()).contains("localState");
        assertThat(new DatabaseReport(Map.of("mysql", 3306), true, "Donor/Desynced", 3, null, null).problem()).isNull();
        assertThat(AdminPasswords.problem("short")).contains("8 to 128");
        assertThat(AdminPasswords.problem("bad\u0000password")).contains("control");
        assertThat(AdminPasswords.problem("bad\uD800password")).contains("broken");
        assertThat(AdminPasswords.problem("It's a s3cret \\ with quotes\"")).isNull();
    }
}
