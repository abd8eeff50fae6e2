package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.GatewayKey;
import dev.tollgate.engine.config.SecretSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Gateway keys: the right caller for an exact key, nobody for anything else (a prefix, one character off, empty). */
class GatewayKeysTest {
    private static final String CI_KEY = "tg-ci-0a1b2c3d4e5f";
    private static final String ALICE_KEY = "tg-alice-9f8e7d6c5b4a";

    private final GatewayKeys keys = GatewayKeys.of(keys(), SecretSource.of(Map.of("CI_KEY", CI_KEY, "ALICE_KEY", ALICE_KEY)));

    private static Map<String, GatewayKey> keys() {
        Map<String, GatewayKey> keys = new LinkedHashMap<>();
        keys.put("ci", new GatewayKey("CI_KEY", BudgetProfile.FREE, false, "platform"));
        keys.put("alice", new GatewayKey("ALICE_KEY", BudgetProfile.CAREFUL, null, null));
        keys.put("bob", new GatewayKey("BOB_KEY", null, null, null));
        return keys;
    }

    @Test
    void anExactKeyNamesItsCaller() {
        assertThat(keys.find(CI_KEY)).hasValueSatisfying(caller -> {
            assertThat(caller.name()).isEqualTo("ci");
            assertThat(caller.team()).isEqualTo("platform");
        });
        assertThat(keys.find(ALICE_KEY)).hasValueSatisfying(caller -> assertThat(caller.profile()).isEqualTo(BudgetProfile.CAREFUL));
    }

    @Test
    void nearMissesNameNobody() {
        assertThat(keys.find(CI_KEY.substring(0, CI_KEY.length() - 1))).isEmpty();
        assertThat(keys.find(CI_KEY + "0")).isEmpty();
        assertThat(keys.find(CI_KEY.substring(0, CI_KEY.length() - 1) + "0")).isEmpty();
        assertThat(keys.find(CI_KEY.toUpperCase())).isEmpty();
        assertThat(keys.find("")).isEmpty();
    }

    @Test
    void aKeyWhoseSecretIsUnsetIsReportedNotUsable() {
        assertThat(keys.problems()).singleElement().asString().contains("bob", "BOB_KEY");
    }
}
