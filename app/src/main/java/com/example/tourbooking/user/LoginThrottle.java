package com.example.tourbooking.user;

import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.example.tourbooking.system.TooManyRequestsException;

/**
 * Throttles password guessing with token buckets (Bucket4j): every login or sign-up takes
 * a token from the client address's bucket, and every failed login one from the
 * account's. Checked before any password is hashed, so a flood costs no bcrypt time and
 * cannot starve other requests.
 */
@Component
@EnableConfigurationProperties(LoginThrottleProperties.class)
class LoginThrottle {

	private final Cache<String, Bucket> accounts;

	private final Cache<String, Bucket> addresses;

	private final LoginThrottleProperties properties;

	LoginThrottle(LoginThrottleProperties properties) {
		this.properties = properties;
		this.accounts = buckets(properties);
		this.addresses = buckets(properties);
	}

	/**
	 * Refuses an attempt from an address that made too many, or for an account that
	 * failed too often.
	 * @throws TooManyRequestsException with the time until the next attempt is accepted
	 */
	void beforeLogin(String email, String clientAddress) {
		takeAddressToken(clientAddress);
		EstimationProbe account = accountBucket(email).estimateAbilityToConsume(1);
		if (!account.canBeConsumed()) {
			throw TooManyRequestsException.of("failed logins for this account",
					Duration.ofNanos(account.getNanosToWaitForRefill()));
		}
	}

	/** Counts a failed login against the account. */
	void loginFailed(String email) {
		accountBucket(email).tryConsume(1);
	}

	/** Counts a sign-up against the address (it hashes a password too). */
	void beforeSignup(String clientAddress) {
		takeAddressToken(clientAddress);
	}

	private void takeAddressToken(String clientAddress) {
		ConsumptionProbe probe = this.addresses.get(clientAddress, (key) -> newBucket(this.properties.perAddress()))
			.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw TooManyRequestsException.of("login and sign-up attempts from your address",
					Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

	private Bucket accountBucket(String email) {
		String key = email.trim().toLowerCase(Locale.ROOT);
		return this.accounts.get(key, (k) -> newBucket(this.properties.perAccount()));
	}

	private Bucket newBucket(int perPeriod) {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(perPeriod).refillGreedy(perPeriod, this.properties.period()))
			.build();
	}

	private static Cache<String, Bucket> buckets(LoginThrottleProperties properties) {
		// A bucket left alone for a whole period is full again: forgetting it changes
		// nothing.
		return Caffeine.newBuilder()
			.maximumSize(properties.maxTrackedKeys())
			.expireAfterAccess(properties.period())
			.build();
	}

}
