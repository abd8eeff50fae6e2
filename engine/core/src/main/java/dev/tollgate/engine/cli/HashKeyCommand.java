package dev.tollgate.engine.cli;

import dev.tollgate.engine.config.KeyHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * {@code tollgate hash-key}: the {@code sha256:} form of a key, for {@code key-hash} in keys.yaml or for
 * {@code TOLLGATE_ADMIN_KEY}, so that config never holds the key itself. Reads the key from standard input
 * (never from the command line, where other users and the shell history would see it), or makes a new one.
 */
@Command(name = "hash-key", mixinStandardHelpOptions = true,
        description = "Print the sha256: hash of a key read from standard input, or generate a new random key and its hash.")
final class HashKeyCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Spec
    CommandSpec spec;

    @Option(names = "--generate", description = "Make a new random key (256 bits) and print it with its hash.")
    boolean generate;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (generate) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String key = "tg-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            out.println("key:  " + key + "    (give this to the client; it is not stored anywhere)");
            out.println("hash: " + KeyHash.of(key) + "    (put this in keys.yaml as key-hash, or in TOLLGATE_ADMIN_KEY)");
            out.flush();
            return 0;
        }
        String key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (key == null || key.isBlank()) {
            spec.commandLine().getErr().println("tollgate hash-key: give the key on standard input, e.g. "
                    + "printf %s \"$KEY\" | tollgate hash-key; or use --generate");
            return 2;
        }
        out.println(KeyHash.of(key.strip()));
        out.flush();
        return 0;
    }
}
