package com.example.tourbooking.user;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores users; emails are looked up lower-cased.
 */
interface UserRepository extends JpaRepository<User, Long> {

	Optional<User> findByEmail(String email);

	boolean existsByEmail(String email);

}
