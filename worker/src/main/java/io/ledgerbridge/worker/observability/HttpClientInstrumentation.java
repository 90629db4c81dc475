package io.ledgerbridge.worker.observability;

import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Adds {@link ApiCallInterceptor} to the shared {@link OkHttpClient} bean, so every connector call
 * is measured without the connectors knowing. The registry and the run counter are looked up on
 * first use, so this post-processor creates no bean early.
 */
@Component
class HttpClientInstrumentation implements BeanPostProcessor {
  private final ObjectProvider<MeterRegistry> registry;
  private final ObjectProvider<RunApiCalls> runCalls;
  private final ObjectProvider<LastCalls> lastCalls;

  HttpClientInstrumentation(
      ObjectProvider<MeterRegistry> registry, ObjectProvider<RunApiCalls> runCalls, ObjectProvider<LastCalls> lastCalls) {
    this.registry = registry;
    this.runCalls = runCalls;
    this.lastCalls = lastCalls;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof OkHttpClient client
        && client.interceptors().stream().noneMatch(ApiCallInterceptor.class::isInstance)) {
      return client.newBuilder().addInterceptor(new ApiCallInterceptor(registry::getObject, runCalls::getObject, lastCalls::getObject)).build();
    }
    return bean;
  }
}
