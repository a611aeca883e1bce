package io.rollwright.service.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.rollwright.api.ReleaseIds;
import io.rollwright.client.KillSwitches;
import io.rollwright.client.ReleaseControls;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Approvals and the kill switch's slash command from Slack, on when {@code rollwright.slack.token}
 * is set: over HTTP at {@code rollwright.slack.path} when a signing secret is set (every request
 * verified by {@link SlackSignatureFilter} first), and over Socket Mode when an app-level token is
 * set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("rollwright.slack.token")
@EnableConfigurationProperties(SlackProperties.class)
public class SlackConfiguration {
  @Bean
  App slackApp(SlackProperties settings, WorkflowClient temporal) {
    if (isBlank(settings.signingSecret()) && isBlank(settings.appToken())) {
      throw new IllegalStateException(
          "rollwright.slack.token is set but neither rollwright.slack.signing-secret (HTTP "
              + "interactivity) nor rollwright.slack.app-token (Socket Mode) is: Slack's clicks cannot reach Rollwright");
    }
    SlackConfig config = new SlackConfig();
    if (!isBlank(settings.apiUrl())) {
      config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    }
    Slack slack = Slack.getInstance(config);
    App app =
        new App(
            AppConfig.builder()
                .singleTeamBotToken(settings.token())
                .signingSecret(settings.signingSecret())
                .slack(slack)
                .requestVerificationEnabled(false)
                .build());
    SlackIdentities identities =
        new SlackIdentities(slack.methods(settings.token()), System::currentTimeMillis);
    ExecutorService work = slackWork();
    new SlackApprovals(identities, new ReleaseControls(temporal, settings.answerWithin()), work)
        .register(app);
    new SlackKillSwitch(
            identities,
            new KillSwitches(temporal, ReleaseIds.TASK_QUEUE, settings.answerWithin()),
            work)
        .register(app, settings.command());
    return app;
  }

  private static ExecutorService slackWork() {
    return Executors.newFixedThreadPool(
        4,
        r -> {
          Thread t = new Thread(r, "slack-approvals");
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  @ConditionalOnProperty("rollwright.slack.signing-secret")
  ServletRegistrationBean<SlackAppServlet> slackEndpoint(App app, SlackProperties settings) {
    return new ServletRegistrationBean<>(new SlackAppServlet(app), settings.path());
  }

  @Bean
  @ConditionalOnProperty("rollwright.slack.signing-secret")
  FilterRegistrationBean<SlackSignatureFilter> slackSignatures(SlackProperties settings) {
    FilterRegistrationBean<SlackSignatureFilter> filter =
        new FilterRegistrationBean<>(
            new SlackSignatureFilter(
                new SlackRequestGuard(settings.signingSecret()), System::currentTimeMillis));
    filter.addUrlPatterns(settings.path());
    filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return filter;
  }

  @Bean(initMethod = "startAsync", destroyMethod = "close")
  @ConditionalOnProperty("rollwright.slack.app-token")
  SocketModeApp slackSocketMode(App app, SlackProperties settings) throws IOException {
    return new SocketModeApp(settings.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
