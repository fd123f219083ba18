package com.example.tourbooking.user;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Stores users; emails are looked up lower-cased.
 */
interface UserRepository extends JpaRepository<User, Long> {

	Optional<User> findByEmail(String email);

	boolean existsByEmail(String email);

	@Query("select u.role from User u where u.id = :id")
	Optional<Role> findRoleById(@Param("id") long id);

	/**
	 * Every admin, locked until the transaction ends: role changes that could remove the
	 * last admin queue up.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.role = com.example.tourbooking.user.Role.ADMIN order by u.id")
	List<User> lockAdmins();

}
