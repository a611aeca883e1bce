package io.rollwright.service.page;

import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The release page at {@code /ui/}: static assets bundled in the service (no data of their own: the
 * page reads everything through the REST API as its caller), served with a content security policy
 * that lets them load only from this service.
 */
@Configuration(proxyBeanMethods = false)
public class PageConfiguration implements WebMvcConfigurer {
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/ui", "/ui/");
    registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
  }

  @Bean
  FilterRegistrationBean<Filter> pageHeaders() {
    Filter headers =
        (request, response, chain) -> {
          var http = (jakarta.servlet.http.HttpServletResponse) response;
          http.setHeader("Content-Security-Policy", POLICY);
          http.setHeader("X-Content-Type-Options", "nosniff");
          http.setHeader("Referrer-Policy", "no-referrer");
          chain.doFilter(request, response);
        };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(headers);
    registration.addUrlPatterns("/ui", "/ui/*");
    return registration;
  }
}
