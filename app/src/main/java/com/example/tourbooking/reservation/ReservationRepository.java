package com.example.tourbooking.reservation;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Stores reservations. Cancelling is a conditional update so two concurrent cancellations
 * release the seats once.
 */
interface ReservationRepository extends JpaRepository<Reservation, Long> {

	Optional<Reservation> findByCustomerIdAndIdempotencyKey(long customerId, String idempotencyKey);

	Page<Reservation> findByCustomerId(long customerId, Pageable pageable);

	Page<Reservation> findByTourId(long tourId, Pageable pageable);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update Reservation r set r.status = 'CANCELLED', r.cancelledAt = :at where r.id = :id and r.status = 'CONFIRMED'")
	int cancel(@Param("id") long id, @Param("at") Instant at);

}
