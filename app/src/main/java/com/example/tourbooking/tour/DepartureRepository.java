package com.example.tourbooking.tour;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Stores departures and gives seats back. Taking and releasing seats are single
 * conditional {@code UPDATE}s (taking them is {@link SeatCounter}'s): the row lock and
 * the check constraint make overselling impossible across any number of application
 * instances.
 */
interface DepartureRepository extends JpaRepository<Departure, Long> {

	List<Departure> findByTourIdInOrderByDateAscIdAsc(Collection<Long> tourIds);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update Departure d set d.seatsLeft = d.seatsLeft + :seats where d.id = :id and d.seatsLeft + :seats <= d.capacity")
	int releaseSeats(@Param("id") long id, @Param("seats") int seats);

	@Query("select count(d) > 0 from Departure d where d.tourId = :tourId and d.date >= :today and d.seatsLeft < d.capacity")
	boolean hasFutureBookings(@Param("tourId") long tourId, @Param("today") LocalDate today);

}
