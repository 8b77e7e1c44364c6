package org.conpaas.agent;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mysql parts of the heartbeat protocol and the server configuration they turn into. */
class GaleraProtocolTest {

    private static final String AGENT_PASSWORD = "a".repeat(32);

    @Test
    void anAnswerSaysWhetherToFormTheClusterAndThroughWhichPeersToJoin() {
        HeartbeatAnswer answer = HeartbeatAnswer.parse("""
                {"desired":"RUN","codeVersion":null,"galera":{"bootstrap":false,
                 "peers":[{"node":"n-1","host":"10.213.0.5","port":4567},{"node":"n-2","host":"fd00::5","port":4568},
                          {"node":"evil","host":"a;b","port":4567},{"node":"far","host":"ok","port":70000}],
                 "agentPassword":"%s","adminPassword":"it's \\\\ mine","adminPasswordSerial":3}}""".formatted(AGENT_PASSWORD));
        GaleraMembership galera = answer.galera().orElseThrow();
        assertFalse(galera.bootstrap());
        assertEquals(List.of(new GaleraMembership.Peer("10.213.0.5", 4567), new GaleraMembership.Peer("fd00::5", 4568)), galera.peers());
        assertEquals("gcomm://10.213.0.5:4567,[fd00::5]:4568", galera.clusterAddress());
        assertEquals(Optional.of(new GaleraMembership.AdminPassword(3, "it's \\ mine")), galera.adminPassword());
        assertFalse(galera.toString().contains(AGENT_PASSWORD) || galera.toString().contains("mine"), "toString never shows a password");

        GaleraMembership first = HeartbeatAnswer.parse("{\"desired\":\"RUN\",\"galera\":{\"bootstrap\":true,\"peers\":[],\"agentPassword\":\""
                + AGENT_PASSWORD + "\"}}").galera().orElseThrow();
        assertTrue(first.bootstrap());
        assertEquals("gcomm://", first.clusterAddress());
        assertEquals(Optional.empty(), first.adminPassword());
        GaleraMembership jobs = HeartbeatAnswer.parse("{\"desired\":\"RUN\",\"galera\":{\"bootstrap\":false,\"agentPassword\":\""
                + AGENT_PASSWORD + "\",\"exportArchive\":\"5f0c-aa\",\"importRequest\":\"../../etc/passwd\"}}").galera().orElseThrow();
        assertEquals(Optional.of("5f0c-aa"), jobs.exportArchive());
        assertEquals(Optional.empty(), jobs.importRequest(), "an id that is not one never reaches a URL");
        assertEquals(Optional.empty(), HeartbeatAnswer.parse("{\"desired\":\"RUN\",\"codeVersion\":2}").galera());
        assertThrows(IllegalArgumentException.class, () -> HeartbeatAnswer.parse(
                "{\"desired\":\"RUN\",\"galera\":{\"bootstrap\":true,\"agentPassword\":\"x' OR 1\"}}"));
    }

    @Test
    void theBindingsAccountsAreCheckedBeforeAnyReachesSqlAndOthersAreDropped() {
        String hash = "c".repeat(64);
        GaleraMembership galera = HeartbeatAnswer.parse(("{\"desired\":\"RUN\",\"galera\":{\"bootstrap\":false,\"agentPassword\":\"%s\","
                + "\"accounts\":[{\"user\":\"cpb_k3x9m2p7q4ab\",\"password\":\"%s\",\"database\":\"shop\"}],"
                + "\"accountsHash\":\"%s\"}}").formatted(AGENT_PASSWORD, "P".repeat(32), hash)).galera().orElseThrow();
        BindingAccounts accounts = galera.accounts().orElseThrow();
        assertEquals(hash, accounts.hash());
        String sql = accounts.apply();
        assertTrue(sql.contains("CREATE DATABASE IF NOT EXISTS `shop`;"));
        assertTrue(sql.contains("CREATE USER IF NOT EXISTS 'cpb_k3x9m2p7q4ab'@'%' IDENTIFIED BY '" + "P".repeat(32) + "';"));
        assertTrue(sql.contains("GRANT ALL PRIVILEGES ON `shop`.* TO 'cpb_k3x9m2p7q4ab'@'%';"));
        assertEquals("DROP USER IF EXISTS 'cpb_oldoldold1'@'%';\n",
                accounts.dropOthers(List.of("cpb_k3x9m2p7q4ab", "cpb_oldoldold1", "admin", "cpb_x'; DROP")));
        assertFalse(accounts.toString().contains("PPPP"), "toString never shows a password");
        assertEquals(Optional.empty(), HeartbeatAnswer.parse("{\"desired\":\"RUN\",\"galera\":{\"bootstrap\":true,\"agentPassword\":\""
                + AGENT_PASSWORD + "\"}}").galera().orElseThrow().accounts());
        for (String bad : List.of("{\"user\":\"root\",\"password\":\"%s\",\"database\":\"shop\"}",
                "{\"user\":\"cpb_abcd1234\",\"password\":\"x' OR '1\",\"database\":\"shop\"}",
                "{\"user\":\"cpb_abcd1234\",\"password\":\"%s\",\"database\":\"mysql\"}",
                "{\"user\":\"cpb_abcd1234\",\"password\":\"%s\",\"database\":\"a`b\"}")) {
            String answer = ("{\"desired\":\"RUN\",\"galera\":{\"bootstrap\":false,\"agentPassword\":\"" + AGENT_PASSWORD
                    + "\",\"accounts\":[" + bad.formatted("P".repeat(32)) + "],\"accountsHash\":\"" + hash + "\"}}");
            assertThrows(IllegalArgumentException.class, () -> HeartbeatAnswer.parse(answer), bad);
        }
    }

    @Test
    void theServerListensOnTheNodesAddressAndNamesItsClusterAfterTheService() {
        GaleraConfig config = new GaleraConfig(Path.of("/srv/t/mysql"), GaleraConfig.socketDirectoryOf("node-1"), "svc-1", "node-1", "10.213.0.5",
                new DatabasePorts(3306, 4567, 4568, 4444), Path.of("/usr/lib/galera/libgalera_smm.so"));
        String rendered = config.render("gcomm://10.213.0.6:4567");
        assertTrue(rendered.contains("bind-address=10.213.0.5\n"));
        assertTrue(rendered.contains("port=3306\n"));
        assertTrue(rendered.contains("wsrep_cluster_name=" + config.clusterName() + "\n"));
        assertTrue(config.clusterName().length() <= 32, "Galera refuses longer group names");
        assertFalse(config.clusterName().equals(new GaleraConfig(Path.of("/x"), Path.of("/y"), "svc-2", "n", "a",
                new DatabasePorts(1, 2, 3, 4), Path.of("/g")).clusterName()));
        assertTrue(rendered.contains("wsrep_cluster_address=gcomm://10.213.0.6:4567\n"));
        assertTrue(rendered.contains("gmcast.listen_addr=tcp://10.213.0.5:4567;ist.recv_addr=10.213.0.5:4568"));
        assertTrue(rendered.contains("wsrep_sst_receive_address=10.213.0.5:4444\n"));
        assertTrue(rendered.contains("datadir=/srv/t/mysql/data\n"));
        assertTrue(config.socket().toString().startsWith("/tmp/conpaas-db-") && config.socket().toString().length() < 60);
        assertTrue(config.renderClient(AGENT_PASSWORD).contains("user=conpaas_agent\npassword=" + AGENT_PASSWORD));
    }

    @Test
    void theReportCarriesThePortsTheClustersStateAndTheAppliedPassword() {
        Heartbeat beat = new Heartbeat(ServiceState.RUNNING, "MariaDB Galera node", "", 3306,
                new Heartbeat.DatabaseReport(new DatabasePorts(3306, 4567, 4568, 4444).asMap(), true, "Synced", 3, 2L, "d".repeat(64)));
        Map<String, Object> json = Json.parseObject(beat.toJson());
        assertEquals("{ports={mysql=3306, galera=4567, ist=4568, sst=4444}, member=true, localState=Synced, clusterSize=3, passwordSerial=2,"
                        + " accountsHash=" + "d".repeat(64) + "}",
                json.get("database").toString());
        assertEquals("null", String.valueOf(Json.parseObject(new Heartbeat(ServiceState.RUNNING, "", "", null).toJson()).get("database")));
    }
}
