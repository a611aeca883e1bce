package io.rollwright.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The starter service: REST API and Slack interactivity, in front of the Temporal service the
 * workers use.
 */
@SpringBootApplication
public class RollwrightServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(RollwrightServiceApplication.class, args);
  }
}
