package dev.tollgate.engine.cli;

import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.config.ConfigLoader;
import dev.tollgate.engine.config.ModelListing;
import dev.tollgate.engine.config.ProviderConfig;
import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.spi.ApiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tollgate models}: the model catalog. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Work with the model catalog.",
        subcommands = ModelsCommand.Refresh.class)
final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code tollgate models refresh <provider>}: reads the provider's models listing and writes the
     * models the catalog lacks to an overlay file ({@code .review}, not loaded), for the user to
     * review and copy into models.yaml.
     */
    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = "Read a provider's models listing (GET <base-url>/models) and write the models config/ lacks to "
                    + "<config>/<provider>-models.yaml.review: check it, then copy the entries you want into models.yaml.")
    static final class Refresh implements Callable<Integer> {
        /** Capability scores the listing cannot tell; the overlay says so, so that the user sets them. */
        private static final String UNKNOWN_SCORE = "0.5";
        private static final int UNKNOWN_CONTEXT = 8192;

        @Mixin
        PolicyLocation location;

        @Parameters(index = "0", description = "The provider, as named in providers.yaml (e.g. openrouter).")
        String provider;

        @Option(names = "--from", description = "Read the listing from this JSON file instead of calling the provider.")
        Path from;

        @Option(names = "--out", description = "Write the overlay here (default: <config>/<provider>-models.yaml.review).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            TollgateConfig config;
            try {
                config = ConfigLoader.load(location.config());
            } catch (ConfigException e) {
                return LoadedPolicy.report(e, "fix them first", err);
            }
            ProviderConfig providerConfig = config.providers().get(provider);
            if (providerConfig == null) {
                err.println("tollgate: no provider '" + provider + "' in providers.yaml (known: "
                        + String.join(", ", config.providers().keySet()) + ")");
                return 2;
            }
            List<ModelListing.Listed> listed;
            try {
                listed = ModelListing.parse(from != null ? Files.readString(from) : fetch(providerConfig));
            } catch (IllegalArgumentException | IOException e) {
                err.println("tollgate: the models listing of " + provider + " cannot be read: " + e.getMessage());
                return 1;
            }
            List<ModelListing.Listed> missing = listed.stream().filter(m -> config.models().values().stream()
                    .noneMatch(known -> known.provider().equals(provider) && known.upstream().equals(m.id()))).toList();
            // A paid model without a price would look free to the policy: it is left for the user to add by hand.
            List<ModelListing.Listed> unpriced = missing.stream().filter(m -> !m.free() && m.inputPrice() == null).toList();
            missing = missing.stream().filter(m -> !unpriced.contains(m)).toList();
            Path target = out != null ? out : location.config().resolve(provider + "-models.yaml.review");
            Files.writeString(target, overlay(missing, from != null ? from.getFileName().toString()
                    : providerConfig.baseUrl() + "/models"));
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(provider + " lists " + listed.size() + " models (" + listed.stream().filter(ModelListing.Listed::free).count()
                    + " free); " + (listed.size() - missing.size() - unpriced.size()) + " already in the catalog; "
                    + unpriced.size() + " without a price left out; " + missing.size() + " written to " + target);
            stdout.println("review it (quality, coding, reasoning and speed are placeholders), then copy the entries you want "
                    + "under models: in models.yaml");
            stdout.flush();
            return 0;
        }

        private String fetch(ProviderConfig providerConfig) throws IOException {
            Optional<ApiKey> key;
            try {
                key = providerConfig.apiKeyEnv() == null ? Optional.empty()
                        : SecretSource.load(location.envFile()).key(providerConfig.apiKeyEnv());
            } catch (ConfigException e) {
                throw new IOException(e.getMessage());
            }
            String base = providerConfig.baseUrl().toString();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1)
                    : base) + "/models")).timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET();
            key.ifPresent(k -> request.header("Authorization", "Bearer " + k.reveal()));
            providerConfig.headers().forEach(request::header);
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + base + "/models");
                }
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }

        private String overlay(List<ModelListing.Listed> models, String source) {
            StringBuilder yaml = new StringBuilder();
            yaml.append("# Models ").append(provider).append(" lists that the catalog lacks, read from ").append(source)
                    .append(" on ").append(LocalDate.now(ZoneOffset.UTC)).append(" by `tollgate models refresh`.\n")
                    .append("# Prices (USD per 1M tokens), context windows, free, vision and tools come from the listing;\n")
                    .append("# quality, coding, reasoning and speed are placeholders (").append(UNKNOWN_SCORE)
                    .append("): set them, then copy the entries you want\n# under `models:` in models.yaml (a section lives in one file). This file is not loaded.\nmodels:\n");
            if (models.isEmpty()) {
                return yaml.append("  {}\n").toString().replace("models:\n  {}\n", "models: {}\n");
            }
            for (ModelListing.Listed model : models) {
                yaml.append("  ").append(quoted(provider + "/" + model.id())).append(":\n")
                        .append("    provider: ").append(provider).append('\n')
                        .append("    upstream: ").append(quoted(model.id())).append('\n');
                yaml.append("    context-window: ").append(model.contextWindow() > 0 ? String.valueOf(model.contextWindow())
                        : UNKNOWN_CONTEXT + "   # not in the listing: set it").append('\n');
                if (model.free()) {
                    yaml.append("    free: true\n");
                } else if (model.inputPrice() != null && model.outputPrice() != null) {
                    yaml.append("    price: { input: ").append(plain(model.inputPrice())).append(", output: ")
                            .append(plain(model.outputPrice())).append(" }\n");
                }
                yaml.append("    quality: ").append(UNKNOWN_SCORE).append('\n');
                if (model.vision()) {
                    yaml.append("    vision: true\n");
                }
                if (Boolean.FALSE.equals(model.tools())) {
                    yaml.append("    tools: false\n");
                }
            }
            return yaml.toString();
        }

        private static String plain(BigDecimal price) {
            return price.toPlainString();
        }

        private static String quoted(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
