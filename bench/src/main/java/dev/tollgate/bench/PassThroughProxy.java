package dev.tollgate.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;

import java.util.Set;

/**
 * For bench/overhead: the floor of a gateway on the JVM. Vert.x (the HTTP server Tollgate runs on) forwards each request
 * over pooled keep-alive connections to one upstream and copies the answer back as it arrives — no parsing, no
 * decision, no ledger, no metrics. One server per core, sharing the port.
 *
 * <p>Usage: {@code PassThroughProxy PORT UPSTREAM_PORT [PORT UPSTREAM_PORT …]} (all on 127.0.0.1).
 */
public final class PassThroughProxy {
    /** Hop-by-hop headers, and those the server sets itself. */
    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "transfer-encoding", "host",
            "content-length");

    private PassThroughProxy() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        for (int i = 0; i + 1 < args.length; i += 2) {
            int port = Integer.parseInt(args[i]);
            HttpClient upstream = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(Integer.parseInt(args[i + 1])).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(256));
            for (int server = 0; server < Runtime.getRuntime().availableProcessors(); server++) {
                vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                        .requestHandler(request -> forward(request, upstream)).listen().toCompletionStage().toCompletableFuture().join();
            }
        }
    }

    private static void forward(HttpServerRequest request, HttpClient upstream) {
        request.body().compose(body -> upstream.request(request.method(), request.uri()).compose(call -> {
            copy(request.headers(), call.headers());
            return call.send(body);
        })).onSuccess(answer -> {
            HttpServerResponse response = request.response().setStatusCode(answer.statusCode());
            copy(answer.headers(), response.headers());
            String length = answer.getHeader("content-length");
            if (length != null) {
                response.putHeader("content-length", length);
            } else {
                response.setChunked(true);
            }
            answer.pipeTo(response);
        }).onFailure(failure -> request.response().setStatusCode(502).end(String.valueOf(failure)));
    }

    private static void copy(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!NOT_COPIED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }
}
