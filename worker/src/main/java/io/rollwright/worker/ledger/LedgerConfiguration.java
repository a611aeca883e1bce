package io.rollwright.worker.ledger;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The release ledger the worker writes ended releases to ({@link LedgerProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
public class LedgerConfiguration {
  @Bean
  JdbcLedgerActivities ledgerActivities(LedgerProperties settings) {
    return new JdbcLedgerActivities(settings);
  }
}
