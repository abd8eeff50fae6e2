package dev.tollgate.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI-compatible upstreams on a raw socket, so that they can misbehave the ways real ones do and
 * WireMock cannot: reset the connection, cut a stream in the middle of a chunk, end a stream early,
 * stall after the headers. Every provider under {@code /<provider>/v1} answers with a fault drawn at
 * random (seeded), except the healthy ones, which always answer. Each connection serves one request.
 */
final class ChaosUpstream implements AutoCloseable {
    enum Fault {
        NONE, STATUS_500, STATUS_502, STATUS_503, STATUS_529, RATE_LIMITED, HANG, RESET, MALFORMED_JSON,
        CUT_MIDWAY, STALL_AFTER_HEADERS, ENDS_EARLY
    }

    private static final Pattern PATH = Pattern.compile("POST /([^/]+)/v1/chat/completions HTTP/1\\.1");
    private static final Pattern USER = Pattern.compile("\"user\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
    static final long PROMPT_TOKENS = 20;
    static final long COMPLETION_TOKENS = 10;

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "chaos-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> healthy;
    private final Set<String> neverTwiceInARow;
    private final Set<String> failedLastTime = new java.util.HashSet<>();
    private final List<Fault> faults = List.of(Fault.values());
    private final Random random;
    private int faultsInjectedInTurn;
    private final long hangMillis;
    private final long stallMillis;
    private final Map<Fault, AtomicInteger> drawn = new EnumMap<>(Fault.class);
    private final Map<String, AtomicInteger> completeAnswersByUser = new ConcurrentHashMap<>();
    private final AtomicInteger streamsCutAfterFirstEvent = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    /**
     * @param healthy    the providers that always answer
     * @param neverTwiceInARow faulty providers that answer whenever their previous call failed: with cooldowns that
     *                   back off, a provider whose first few calls all fail may be left out for the rest of a short run
     * @param hangMillis  how long an upstream that never answers waits before it closes (more than the gateway's timeout)
     * @param stallMillis how long an upstream that stalls after its headers waits before it closes: longer than a
     *                    client's patience, so that a gateway without its own bound would hang its client
     */
    ChaosUpstream(Set<String> healthy, Set<String> neverTwiceInARow, long seed, long hangMillis, long stallMillis)
            throws IOException {
        this.healthy = Set.copyOf(healthy);
        this.neverTwiceInARow = Set.copyOf(neverTwiceInARow);
        this.random = new Random(seed);
        this.hangMillis = hangMillis;
        this.stallMillis = stallMillis;
        for (Fault fault : Fault.values()) {
            drawn.put(fault, new AtomicInteger());
        }
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "chaos-upstream-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many times each fault was drawn. */
    Map<Fault, Integer> drawn() {
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        drawn.forEach((fault, count) -> counts.put(fault, count.get()));
        return counts;
    }

    /** Complete, successful answers sent, by the request's {@code user} field: what a provider would bill. */
    Map<String, Integer> completeAnswersByUser() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        completeAnswersByUser.forEach((user, count) -> counts.put(user, count.get()));
        return counts;
    }

    /** Streams that sent at least one event and then broke (cut, stalled or ended early). */
    int streamsCutAfterFirstEvent() {
        return streamsCutAfterFirstEvent.get();
    }

    int requests() {
        return requests.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private Fault draw(String provider) {
        if (healthy.contains(provider)) {
            return Fault.NONE;
        }
        Fault fault;
        synchronized (random) {
            if (neverTwiceInARow.contains(provider) && failedLastTime.remove(provider)) {
                fault = Fault.NONE;
            } else if (faultsInjectedInTurn < faults.size() - 1) {
                // Every fault once first: cooldowns make a faulty provider rarely called, and a short run must see them all.
                fault = faults.get(1 + faultsInjectedInTurn++);
            } else {
                // A third of the calls succeed, so that faulty providers serve (and charge) some requests too.
                fault = random.nextInt(3) == 0 ? Fault.NONE : faults.get(1 + random.nextInt(faults.size() - 1));
            }
            if (fault != Fault.NONE && neverTwiceInARow.contains(provider)) {
                failedLastTime.add(provider);
            }
        }
        drawn.get(fault).incrementAndGet();
        return fault;
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = readHead(in);
            Matcher path = PATH.matcher(head);
            if (!path.find()) {
                return;
            }
            String body = new String(in.readNBytes(contentLength(head)), StandardCharsets.UTF_8);
            requests.incrementAndGet();
            Matcher userMatch = USER.matcher(body);
            String user = userMatch.find() ? userMatch.group(1) : "(none)";
            boolean stream = STREAM.matcher(body).find();
            Fault fault = draw(path.group(1));
            OutputStream out = socket.getOutputStream();
            if (stream) {
                stream(socket, out, fault, user);
            } else {
                complete(socket, out, fault, user);
            }
        } catch (IOException | InterruptedException e) {
            // The gateway gave up on this call (its timeout) or the soak ended: nothing to answer.
        }
    }

    private void complete(Socket socket, OutputStream out, Fault fault, String user) throws IOException, InterruptedException {
        switch (fault) {
            case NONE -> {
                write(out, response(200, "application/json", UpstreamStubs.completion("chaos", "fine", PROMPT_TOKENS,
                        COMPLETION_TOKENS)));
                completeAnswersByUser.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
            }
            case CUT_MIDWAY, ENDS_EARLY -> {
                String full = UpstreamStubs.completion("chaos", "fine", PROMPT_TOKENS, COMPLETION_TOKENS);
                write(out, head(200, "application/json", "Content-Length: " + full.length()) + full.substring(0, full.length() / 3));
                reset(socket);
            }
            case STALL_AFTER_HEADERS -> {
                write(out, head(200, "application/json", "Content-Length: 4000") + "{\"id\": \"chatcmpl-stall\", ");
                Thread.sleep(stallMillis);
            }
            default -> failBeforeAnswering(socket, out, fault);
        }
    }

    private void stream(Socket socket, OutputStream out, Fault fault, String user) throws IOException, InterruptedException {
        switch (fault) {
            case NONE -> {
                write(out, head(200, "text/event-stream", "Transfer-Encoding: chunked"));
                for (String event : events(true)) {
                    write(out, chunk(event));
                }
                write(out, "0\r\n\r\n");
                completeAnswersByUser.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
            }
            case CUT_MIDWAY -> {
                write(out, head(200, "text/event-stream", "Transfer-Encoding: chunked") + chunk(events(false).get(0)));
                // Half of the next chunk, then the connection drops.
                String next = chunk(events(false).get(1));
                write(out, next.substring(0, next.length() / 2));
                streamsCutAfterFirstEvent.incrementAndGet();
                reset(socket);
            }
            case ENDS_EARLY -> {
                // A clean end of the body, but no finish_reason, no usage and no [DONE]: the answer is incomplete.
                write(out, head(200, "text/event-stream", "Transfer-Encoding: chunked") + chunk(events(false).get(0))
                        + chunk(events(false).get(1)) + "0\r\n\r\n");
                streamsCutAfterFirstEvent.incrementAndGet();
            }
            case STALL_AFTER_HEADERS -> {
                write(out, head(200, "text/event-stream", "Transfer-Encoding: chunked") + chunk(events(false).get(0)));
                streamsCutAfterFirstEvent.incrementAndGet();
                Thread.sleep(stallMillis);
            }
            case MALFORMED_JSON -> write(out, head(200, "text/event-stream", "Transfer-Encoding: chunked")
                    + chunk("data: {\"id\": \"chatcmpl-bad\", \"choices\": [{\"delta\": \n\n") + "0\r\n\r\n");
            default -> failBeforeAnswering(socket, out, fault);
        }
    }

    private void failBeforeAnswering(Socket socket, OutputStream out, Fault fault) throws IOException, InterruptedException {
        switch (fault) {
            case STATUS_500 -> write(out, error(500, "server_error", "The server had an error while processing your request."));
            case STATUS_502 -> write(out, error(502, "bad_gateway", "Bad gateway."));
            case STATUS_503 -> write(out, error(503, "server_error", "The server is overloaded or not ready yet."));
            case STATUS_529 -> write(out, error(529, "overloaded_error", "Overloaded"));
            case RATE_LIMITED -> write(out, response(429, "application/json",
                    "{\"error\": {\"message\": \"Rate limit reached for requests\", \"type\": \"requests\", \"code\": \"rate_limit_exceeded\"}}",
                    "Retry-After: 1"));
            case HANG -> Thread.sleep(hangMillis);
            case RESET -> reset(socket);
            case MALFORMED_JSON -> write(out, response(200, "application/json", "{\"id\": \"chatcmpl-bad\", \"choices\": [{\"mess"));
            default -> throw new IllegalStateException(fault.name());
        }
    }

    private static List<String> events(boolean complete) {
        String role = "data: {\"id\":\"chatcmpl-c\",\"object\":\"chat.completion.chunk\",\"created\":1732300000,\"model\":\"chaos\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";
        String text = "data: {\"id\":\"chatcmpl-c\",\"object\":\"chat.completion.chunk\",\"created\":1732300000,\"model\":\"chaos\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"fine\"},\"finish_reason\":null}]}\n\n";
        if (!complete) {
            return List.of(role, text);
        }
        String stop = "data: {\"id\":\"chatcmpl-c\",\"object\":\"chat.completion.chunk\",\"created\":1732300000,\"model\":\"chaos\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
        String usage = "data: {\"id\":\"chatcmpl-c\",\"object\":\"chat.completion.chunk\",\"created\":1732300000,\"model\":\"chaos\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + COMPLETION_TOKENS
                + ",\"total_tokens\":" + (PROMPT_TOKENS + COMPLETION_TOKENS) + "}}\n\n";
        return List.of(role, text, stop, usage, "data: [DONE]\n\n");
    }

    private static String error(int status, String type, String message) {
        return response(status, "application/json",
                "{\"error\": {\"message\": \"" + message + "\", \"type\": \"" + type + "\", \"param\": null, \"code\": null}}");
    }

    private static String response(int status, String contentType, String body, String... headers) {
        StringBuilder extra = new StringBuilder("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        for (String header : headers) {
            extra.append("\r\n").append(header);
        }
        return head(status, contentType, extra.toString()) + body;
    }

    private static String head(int status, String contentType, String headers) {
        return "HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Error") + "\r\nContent-Type: " + contentType
                + "\r\nConnection: close\r\n" + headers + "\r\n\r\n";
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Drops the connection with a TCP reset instead of a clean close. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
