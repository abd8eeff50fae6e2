package dev.tollgate.engine.http;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.ProfileSettings;
import dev.tollgate.engine.config.TaskVocabulary;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.policy.GatewayKeys;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.workflow.RunUsage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Authenticate: the gateway key (a bearer token, {@code x-api-key}, or as Google's SDKs send it
 * {@code x-goog-api-key} or the {@code ?key=} query parameter) names the caller; the
 * caller's profile and the request's {@code x-tollgate-*} headers give the terms this request is
 * decided under. Between the key's (or global) profile and the request's, the more restrictive wins.
 */
public final class Authenticate implements Processor {
    public static final String PROPERTY = "tollgate.terms";

    /**
     * The terms a request is decided under.
     *
     * @param caller     the key's caller ({@link GatewayKeys.Caller#ANONYMOUS} without a key)
     * @param profile    the profile in force
     * @param allowPaid  whether paid options are allowed
     * @param headerTask the task the client named, or {@code null}
     * @param sessionId  what experiments split on, or {@code null}
     */
    public record Terms(GatewayKeys.Caller caller, BudgetProfile profile, boolean allowPaid, String headerTask,
                        String sessionId) {
    }

    @Override
    public void process(Exchange exchange) throws ApiError {
        PolicySnapshot policy = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class);
        Message in = exchange.getMessage();
        boolean runWorker = exchange.getProperty(RunUsage.PROPERTY) != null;
        exchange.setProperty(PROPERTY, terms(policy, caller(policy, presentedKey(in), runWorker),
                name -> in.getHeader(name, String.class)));
    }

    /**
     * The terms for a caller and a request's headers; {@code tollgate explain} uses it with headers from its flags.
     *
     * @param header the request's header of a name, or {@code null}
     */
    public static Terms terms(PolicySnapshot policy, GatewayKeys.Caller caller, UnaryOperator<String> header) throws ApiError {
        TollgateConfig config = policy.config();
        BudgetProfile profile = caller.profile() != null ? caller.profile() : config.profile();
        String asked = header.apply("x-tollgate-profile");
        if (asked != null) {
            BudgetProfile requested = parseProfile(asked);
            // FREE < CAREFUL < UNLIMITED: a request may tighten the profile, never loosen it.
            profile = requested.ordinal() < profile.ordinal() ? requested : profile;
        }
        ProfileSettings settings = config.profiles().get(profile);
        boolean allowPaid = settings.allowPaid();
        if (caller.allowPaid() != null) {
            allowPaid = caller.allowPaid();
        }
        String optIn = header.apply("x-tollgate-allow-paid");
        if (optIn != null) {
            // The user opts in per request, unless the key's owner switched paid options off for this key.
            allowPaid = parseBoolean(optIn) && !Boolean.FALSE.equals(caller.allowPaid());
        }
        String task = header.apply("x-tollgate-task");
        if (task != null) {
            task = task.strip().toLowerCase(Locale.ROOT);
            if (!TaskVocabulary.TASK_TYPES.contains(task)) {
                throw ApiError.invalidRequest("invalid_header", "x-tollgate-task", "x-tollgate-task '" + task
                        + "' is not a task type (known: " + String.join(", ", TaskVocabulary.TASK_TYPES) + ")");
            }
        }
        return new Terms(caller, profile, allowPaid, task, header.apply("x-tollgate-session"));
    }

    /** @param runWorker whether the request carries the token of a running workflow, which this gateway issued */
    private static GatewayKeys.Caller caller(PolicySnapshot policy, String presented, boolean runWorker) throws ApiError {
        if (presented != null) {
            var known = policy.keys().find(presented);
            if (known.isPresent()) {
                return known.get();
            }
        }
        if (!runWorker && policy.config().gateway().keyRequired(policy.keys().any())) {
            throw new ApiError(401, "authentication_error", "invalid_api_key", null,
                    presented == null ? "this gateway needs a key: send 'Authorization: Bearer <key>' (or x-api-key, "
                            + "x-goog-api-key)"
                            : "the gateway key is not known here", null);
        }
        return GatewayKeys.Caller.ANONYMOUS;
    }

    private static String presentedKey(Message in) {
        String authorization = in.getHeader("Authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        for (String header : new String[] {"x-api-key", "x-goog-api-key"}) {
            String key = in.getHeader(header, String.class);
            // Gemini CLI sends an empty x-goog-api-key when it has no key (packages/core/src/core/contentGenerator.ts).
            if (key != null && !key.isBlank()) {
                return key.strip();
            }
        }
        // The key query parameter, as the Gemini API's REST examples and some SDKs send the key.
        return QueryParameters.first(in.getHeader(Exchange.HTTP_QUERY, String.class), "key");
    }

    private static BudgetProfile parseProfile(String value) throws ApiError {
        try {
            return BudgetProfile.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidRequest("invalid_header", "x-tollgate-profile",
                    "x-tollgate-profile '" + value + "' is not a profile (known: FREE, CAREFUL, UNLIMITED)");
        }
    }

    private static boolean parseBoolean(String value) throws ApiError {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw ApiError.invalidRequest("invalid_header", "x-tollgate-allow-paid",
                    "x-tollgate-allow-paid must be true or false, got '" + value + "'");
        };
    }
}
