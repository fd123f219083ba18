package com.example.tourbooking.reservation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.tourbooking.reservation.ReservationApi.BookReservationRequest;
import com.example.tourbooking.reservation.ReservationApi.BookingResult;
import com.example.tourbooking.reservation.ReservationApi.ReservationResponse;
import com.example.tourbooking.reservation.ReservationExceptions.CancelForbiddenException;
import com.example.tourbooking.reservation.ReservationExceptions.DepartureClosedException;
import com.example.tourbooking.reservation.ReservationExceptions.HeadcountExceedsCapacityException;
import com.example.tourbooking.reservation.ReservationExceptions.IdempotencyKeyReusedException;
import com.example.tourbooking.reservation.ReservationExceptions.NotCancellableException;
import com.example.tourbooking.reservation.ReservationExceptions.ReservationNotFoundException;
import com.example.tourbooking.reservation.ReservationExceptions.SoldOutException;
import com.example.tourbooking.reservation.ReservationExceptions.TotalOutOfRangeException;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.tour.TourBookings;
import com.example.tourbooking.tour.TourBookings.BookingTerms;
import com.example.tourbooking.user.CurrentUser;

/**
 * Books and cancels seats. A booking takes the seats with a conditional update that also
 * returns the booking terms (the database refuses to oversell) and stores the
 * reservation, atomically: on PostgreSQL as one statement ({@link OneStatementBooking}),
 * on the embedded H2 as two in one transaction. An {@code Idempotency-Key} makes retries
 * return the first outcome.
 *
 * <p>
 * Both ways are plain JDBC, so the H2 booking's transaction is a plain JDBC one too
 * (issue 15: opening, flushing and closing a Hibernate session for it was most of what
 * Hibernate still cost a booking). Nothing JPA may run inside it: spring-orm's
 * {@code JpaTransactionManager} would not join it ({@code isExistingTransaction} looks
 * for its own {@code EntityManagerHolder}) and would bind a second connection for the
 * same data source. So why a booking was refused is asked after it, and reads and
 * cancellations stay on the application's JPA transaction manager.
 */
@Service
class ReservationService {

	/** The largest total {@code reservations.total_price NUMERIC(12,2)} holds. */
	static final BigDecimal MAX_TOTAL = new BigDecimal("9999999999.99");

	private final ReservationRepository reservations;

	private final NewReservations newReservations;

	private final OneStatementBooking oneStatement;

	private final TourBookings tours;

	private final ReservationEvents events;

	private final TransactionTemplate bookingTransaction;

	private final TransactionTemplate writeTransaction;

	private final TransactionTemplate readTransaction;

	private final Clock clock;

	ReservationService(ReservationRepository reservations, NewReservations newReservations,
			OneStatementBooking oneStatement, TourBookings tours, ReservationEvents events,
			PlatformTransactionManager transactionManager, DataSource dataSource, Clock clock) {
		this.reservations = reservations;
		this.newReservations = newReservations;
		this.oneStatement = oneStatement;
		this.tours = tours;
		this.events = events;
		// Not a bean: a second TransactionManager bean would make Spring Boot back off
		// from the JPA one every repository uses. JdbcTransactionManager (not its parent)
		// turns a failed commit into a DataAccessException, as the statements' failures.
		this.bookingTransaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		this.writeTransaction = new TransactionTemplate(transactionManager);
		this.readTransaction = new TransactionTemplate(transactionManager);
		this.readTransaction.setReadOnly(true);
		this.clock = clock;
	}

	BookingResult book(BookReservationRequest request, String idempotencyKey, CurrentUser customer) {
		Optional<BookingResult> replay = replay(request, idempotencyKey, customer);
		if (replay.isPresent()) {
			return replay.get();
		}
		Optional<Booked> booked;
		try {
			booked = bookOnce(request, idempotencyKey, customer);
		}
		catch (DataIntegrityViolationException ex) {
			// A concurrent retry with the same key committed first: answer with its
			// outcome.
			return replay(request, idempotencyKey, customer).orElseThrow(() -> ex);
		}
		Booked confirmed = booked.orElseThrow(() -> refusal(request.departureId(), request.headcount()));
		// Logged once committed: a failed commit confirms nothing.
		this.events.confirmed(confirmed.reservation(), confirmed.terms());
		return new BookingResult(confirmed.reservation(), false);
	}

	ReservationResponse find(long id, CurrentUser caller) {
		return this.readTransaction.execute((status) -> ReservationResponse.of(visibleReservation(id, caller)));
	}

	PageResponse<ReservationResponse> list(CurrentUser caller, Pageable pageable) {
		return this.readTransaction
			.execute(
					(status) -> PageResponse.of(
							caller.isAdmin() ? this.reservations.findAll(pageable)
									: this.reservations.findByCustomerId(caller.id(), pageable),
							ReservationResponse::of));
	}

	PageResponse<ReservationResponse> forTour(long tourId, CurrentUser caller, Pageable pageable) {
		return this.readTransaction.execute((status) -> {
			this.tours.requireManager(tourId, caller);
			return PageResponse.of(this.reservations.findByTourId(tourId, pageable), ReservationResponse::of);
		});
	}

	ReservationResponse cancel(long id, CurrentUser caller) {
		return this.writeTransaction.execute((status) -> {
			Reservation reservation = visibleReservation(id, caller);
			if (!caller.isAdmin() && reservation.getCustomerId() != caller.id()) {
				throw CancelForbiddenException.forId(id);
			}
			if (reservation.getStatus() == ReservationStatus.CANCELLED) {
				throw NotCancellableException.alreadyCancelled(id);
			}
			if (reservation.getDepartureDate().isBefore(today())) {
				throw NotCancellableException.departed(id, reservation.getDepartureDate());
			}
			if (this.reservations.cancel(id, this.clock.instant()) != 1) {
				throw NotCancellableException.alreadyCancelled(id);
			}
			this.tours.releaseSeats(reservation.getDepartureId(), reservation.getHeadcount());
			Reservation cancelled = this.reservations.findById(id).orElseThrow();
			this.events.cancelled(cancelled);
			return ReservationResponse.of(cancelled);
		});
	}

	/**
	 * Takes the seats and stores the reservation, committed when this returns: empty when
	 * the seats could not be taken (nothing was written).
	 */
	private Optional<Booked> bookOnce(BookReservationRequest request, String idempotencyKey, CurrentUser customer) {
		String fingerprint = (idempotencyKey != null) ? request.fingerprint() : null;
		if (this.oneStatement.available()) {
			return this.oneStatement.book(customer.id(), request.departureId(), request.headcount(), MAX_TOTAL, today(),
					this.clock.instant(), idempotencyKey, fingerprint);
		}
		return this.bookingTransaction.execute((status) -> bookInTransaction(request.departureId(), request.headcount(),
				customer, idempotencyKey, fingerprint));
	}

	private Optional<Booked> bookInTransaction(long departureId, int headcount, CurrentUser customer,
			String idempotencyKey, String fingerprint) {
		Optional<BookingTerms> taken = this.tours.takeSeats(departureId, headcount, today());
		if (taken.isEmpty()) {
			return Optional.empty();
		}
		BookingTerms terms = taken.get();
		BigDecimal totalPrice = terms.priceFor(headcount);
		if (totalPrice.compareTo(MAX_TOTAL) > 0) {
			// Thrown inside the transaction: the seats just taken are given back by the
			// rollback.
			throw TotalOutOfRangeException.over(MAX_TOTAL);
		}
		ReservationResponse reservation = this.newReservations.insert(customer.id(), terms, headcount, totalPrice,
				this.clock.instant(), idempotencyKey, fingerprint);
		return Optional.of(new Booked(reservation, terms));
	}

	/**
	 * Why no seats were taken, asked only after the update refused and its transaction
	 * ended: the happy path reads nothing before it.
	 */
	private RuntimeException refusal(long departureId, int headcount) {
		BookingTerms terms = this.tours.termsOf(departureId);
		if (terms.date().isBefore(today())) {
			return DepartureClosedException.forDeparture(terms.departureId(), terms.date());
		}
		if (headcount > terms.capacity()) {
			return HeadcountExceedsCapacityException.of(headcount, terms.capacity());
		}
		if (terms.priceFor(headcount).compareTo(MAX_TOTAL) > 0) {
			return TotalOutOfRangeException.over(MAX_TOTAL);
		}
		this.events.refused(terms, headcount);
		return SoldOutException.forDeparture(terms.departureId(), headcount);
	}

	private Optional<BookingResult> replay(BookReservationRequest request, String idempotencyKey,
			CurrentUser customer) {
		if (idempotencyKey == null) {
			return Optional.empty();
		}
		return this.readTransaction
			.execute((status) -> this.reservations.findByCustomerIdAndIdempotencyKey(customer.id(), idempotencyKey))
			.map((first) -> {
				if (!first.getRequestFingerprint().equals(request.fingerprint())) {
					throw IdempotencyKeyReusedException.create();
				}
				return new BookingResult(ReservationResponse.of(first), true);
			});
	}

	private Reservation visibleReservation(long id, CurrentUser caller) {
		Reservation reservation = this.reservations.findById(id)
			.orElseThrow(() -> ReservationNotFoundException.forId(id));
		boolean visible = caller.isAdmin() || reservation.getCustomerId() == caller.id()
				|| this.tours.guideOf(reservation.getTourId()) == caller.id();
		if (!visible) {
			throw ReservationNotFoundException.forId(id);
		}
		return reservation;
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/** A committed booking: the reservation and the terms its seats were taken on. */
	record Booked(ReservationResponse reservation, BookingTerms terms) {
	}

}
