package com.example.tourbooking.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what one request may cost the service, on top of Tomcat's own
 * ({@code server.max-http-request-header-size},
 * {@code server.tomcat.connection-timeout}).
 *
 * @param maxBodySize the largest request body accepted; larger ones are a 413 before
 * anything reads them ({@code REQUEST_MAX_BODY_SIZE})
 * @param bodyTimeout how long a client may take to send the whole body, so a trickling
 * client cannot hold a thread; slower ones get a 408 ({@code REQUEST_BODY_TIMEOUT})
 */
@ConfigurationProperties("tours.limits")
record RequestLimitsProperties(DataSize maxBodySize, Duration bodyTimeout) {
}
