package dev.tollgate.engine.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry.OpenTelemetryTracer;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Optional OpenTelemetry traces, off unless {@code gateway.otlp-traces-endpoint} is set: camel-opentelemetry
 * makes a span of every route an exchange passes through (the request path, the ledger's wire tap) and the
 * OTLP/HTTP exporter sends them, in batches, to that endpoint (a collector, Jaeger, Tempo…).
 */
public final class TraceExport implements AutoCloseable {
    private static final Duration BATCH_DELAY = Duration.ofSeconds(1);

    private final SdkTracerProvider provider;

    private TraceExport(SdkTracerProvider provider) {
        this.provider = provider;
    }

    /** Starts exporting the spans of {@code context}'s routes; call before the context starts. */
    public static TraceExport start(URI endpoint, CamelContext context) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint.toString()).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "tollgate"))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(BATCH_DELAY).build())
                .build();
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setTracer(provider.get("dev.tollgate"));
        tracer.init(context);
        return new TraceExport(provider);
    }

    /** Sends what is still batched, then stops. */
    @Override
    public void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }
}
