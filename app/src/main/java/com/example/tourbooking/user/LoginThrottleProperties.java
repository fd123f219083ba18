package com.example.tourbooking.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many password guesses the service takes before it answers 429. Limits are kept in
 * each instance's memory: with N replicas behind the load balancer a client gets at most
 * N times these (see app/README.md, "Throttling").
 *
 * @param perAccount failed logins one account may take per {@code period}
 * ({@code LOGIN_LIMIT_PER_ACCOUNT})
 * @param perAddress logins and sign-ups one client address may make per {@code period}
 * ({@code LOGIN_LIMIT_PER_ADDRESS})
 * @param period the window the limits refill over ({@code LOGIN_LIMIT_PERIOD})
 * @param maxTrackedKeys accounts and addresses remembered at once; the least recently
 * seen are forgotten first, so memory stays bounded under a flood of new keys
 */
@ConfigurationProperties("tours.security.login-throttle")
record LoginThrottleProperties(int perAccount, int perAddress, Duration period, long maxTrackedKeys) {
}
