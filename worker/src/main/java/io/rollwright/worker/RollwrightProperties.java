package io.rollwright.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings under {@code rollwright.*}.
 *
 * @param policiesDir directory of operators' policy files ({@code <service>.yaml} or shared), optional
 * @param policiesClasspath resource prefix of policy files shipped in the application, optional
 * @param defaultPolicy the preset used for a service that has no policy file of its own
 * @param defaultRouter the traffic router for policies that name none
 * @param defaultMetrics the metric provider for policies that name none
 * @param killSwitch when true, the {@code kill-switch} pre-flight check blocks every new release
 */
@ConfigurationProperties("rollwright")
public record RollwrightProperties(
    String policiesDir,
    String policiesClasspath,
    String defaultPolicy,
    String defaultRouter,
    String defaultMetrics,
    boolean killSwitch) {

  public RollwrightProperties {
    defaultPolicy = defaultPolicy == null ? "standard" : defaultPolicy;
    defaultRouter = defaultRouter == null ? "sandbox" : defaultRouter;
    defaultMetrics = defaultMetrics == null ? "sandbox" : defaultMetrics;
  }
}
