/**
 * The Tollgate plugin API. A plugin compiles against this package only.
 *
 * <p>The canonical chat records follow the OpenAI Chat Completions wire format (the names in
 * their {@code @JsonProperty} annotations), which every ingress translates to and every
 * {@link dev.tollgate.spi.ProviderAdapter} translates from. Fields a record does not model are
 * kept in its {@code extra} map and passed through unchanged. A
 * {@link dev.tollgate.spi.CoderAdapter} recognises one agentic coder from its requests.
 */
package dev.tollgate.spi;
