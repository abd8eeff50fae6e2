package dev.tollgate.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.engine.coder.CoderIdentity;
import dev.tollgate.engine.coder.Coders;
import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.Authenticate;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.engine.ingress.ChatCompletionsApi;
import dev.tollgate.engine.policy.Decision;
import dev.tollgate.engine.policy.DecisionReport;
import dev.tollgate.engine.policy.GatewayKeys;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.routing.DecideCandidates;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.CoderRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tollgate explain}: decides one request, given as a JSON file or built from flags, exactly
 * as the gateway would (same parsing, key and header terms, model pinning, policy), and prints the
 * decision without calling any provider.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show how the policy would route a request: classification, candidates with scores or exclusion reasons, "
                + "justifications and the rules that fired. No provider is called.")
final class ExplainCommand implements Callable<Integer> {
    /** Exit status when the request itself would be refused (bad JSON, unknown model, bad header value). */
    static final int BAD_REQUEST = 1;

    static final class RequestSource {
        @Option(names = "--request", paramLabel = "FILE", description = "A chat completion request body (JSON), as a client would send it.")
        Path file;

        @Option(names = "--prompt", paramLabel = "TEXT", description = "The last user message.")
        String prompt;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    RequestSource source;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system prompt (with --prompt).")
    String system;

    @Option(names = "--model", description = "The model the client asks for (default: the first auto alias).")
    String model;

    @Option(names = "--image", paramLabel = "URL", description = "Attach an image (with --prompt).")
    String image;

    @Option(names = "--tools", description = "Define a tool, as agentic coders do (with --prompt).")
    boolean tools;

    @Option(names = "--key", paramLabel = "KEY", description = "The gateway key the client sends (its profile, opt-in and team apply).")
    String key;

    @Option(names = "--profile", description = "x-tollgate-profile: FREE, CAREFUL or UNLIMITED (can only tighten the key's or global profile).")
    String profile;

    @Option(names = "--allow-paid", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "x-tollgate-allow-paid: opt in to paid options for this request.")
    String allowPaid;

    @Option(names = "--task", description = "x-tollgate-task: name the task type instead of letting the classifier decide.")
    String task;

    @Option(names = "--session", description = "x-tollgate-session: what experiments split on.")
    String session;

    @Option(names = "--header", paramLabel = "NAME:VALUE", description = "A request header the coder would send "
            + "(User-Agent, X-Title, originator…), for recognising the coder; repeatable.")
    List<String> requestHeaders = new ArrayList<>();

    @Option(names = "--json", description = "Print the decision as JSON (the shape of GET /admin/api/decisions/{id}).")
    boolean json;

    @Mixin
    PolicyLocation location;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (source.file != null && (system != null || model != null || image != null || tools)) {
            throw new ParameterException(spec.commandLine(), "--system, --model, --image and --tools go with --prompt; "
                    + "with --request the file holds the whole request");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LoadedPolicy loaded = LoadedPolicy.load(location)) {
            Decision decision = decide(loaded.snapshot(), new Coders(loaded.plugins().coders()));
            out.print(json ? WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(DecisionReport.toMap(decision)) + "\n"
                    : DecisionReport.toText(decision));
            out.flush();
            return 0;
        } catch (ConfigException e) {
            return LoadedPolicy.report(e, "cannot explain", err);
        } catch (ApiError e) {
            err.println("tollgate: the gateway would refuse this request with " + e.status() + " " + e.code() + ": " + e.getMessage());
            err.flush();
            return BAD_REQUEST;
        }
    }

    private Decision decide(PolicySnapshot policy, Coders coders) throws ApiError, IOException {
        var gateway = policy.config().gateway();
        ChatRequest request = ParseChatRequest.parse(body(), gateway.maxBodyBytes(), gateway.autoAliases().get(0));
        GatewayKeys.Caller caller = GatewayKeys.Caller.ANONYMOUS;
        if (key != null) {
            caller = policy.keys().find(key).orElseThrow(() -> new ApiError(401, "authentication_error", "invalid_api_key", null,
                    "the gateway key is not known here", null));
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("x-tollgate-profile", profile);
        headers.put("x-tollgate-allow-paid", allowPaid);
        headers.put("x-tollgate-task", task);
        headers.put("x-tollgate-session", session);
        Authenticate.Terms terms = Authenticate.terms(policy, caller, headers::get);
        String pinned = DecideCandidates.pinnedModel(policy.config(), request.model());
        CoderIdentity coder = coders.identify(new CoderRequest(ChatCompletionsApi.INSTANCE.name(), coderHeaders(), request),
                caller.coder());
        return policy.decider().decide(DecideCandidates.input(request, pinned, terms, coder));
    }

    private Map<String, String> coderHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : requestHeaders) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new ParameterException(spec.commandLine(), "--header takes NAME:VALUE, got '" + header + "'");
            }
            headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        return headers;
    }

    private byte[] body() throws IOException {
        if (source.file != null) {
            return Files.readAllBytes(source.file);
        }
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        ArrayNode messages = body.putArray("messages");
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        ObjectNode user = messages.addObject().put("role", "user");
        if (image == null) {
            user.put("content", source.prompt);
        } else {
            ArrayNode parts = user.putArray("content");
            parts.addObject().put("type", "text").put("text", source.prompt);
            parts.addObject().put("type", "image_url").putObject("image_url").put("url", image);
        }
        if (tools) {
            ObjectNode function = body.putArray("tools").addObject().put("type", "function").putObject("function");
            function.put("name", "run_command").put("description", "Run a shell command in the workspace");
            function.putObject("parameters").put("type", "object").putObject("properties")
                    .putObject("command").put("type", "string");
        }
        return WireJson.MAPPER.writeValueAsBytes(body);
    }
}
