package com.example.tourbooking.reservation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.data.domain.Sort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.tourbooking.reservation.ReservationApi.BookReservationRequest;
import com.example.tourbooking.reservation.ReservationApi.ReservationResponse;
import com.example.tourbooking.system.PageController;
import com.example.tourbooking.system.PageRequests;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.tour.TourBookings;
import com.example.tourbooking.tour.TourBookings.BookingTerms;
import com.example.tourbooking.tour.TourTitles;
import com.example.tourbooking.user.SessionUser;

/**
 * Booking from a tour's page (in place, through the site's script, or as a plain form
 * post), the price preview, my reservations with cancel, and a tour's bookings for its
 * guide. Every rule (seats, dates, who may cancel or see what) is the reservation
 * service's, shared with the API.
 */
@PageController
class ReservationPageController {

	private static final int PAGE_SIZE = 20;

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("id"));

	private final ReservationService reservations;

	private final TourBookings tours;

	private final TourTitles titles;

	ReservationPageController(ReservationService reservations, TourBookings tours, TourTitles titles) {
		this.reservations = reservations;
		this.tours = tours;
		this.titles = titles;
	}

	@GetMapping("/reservations/quote")
	String quote(@RequestParam long departureId, @RequestParam int headcount, Model model) {
		BookingTerms terms = this.tours.termsOf(departureId);
		model.addAttribute("headcount", headcount);
		model.addAttribute("fits", headcount >= 1 && headcount <= terms.capacity());
		model.addAttribute("total", (headcount >= 1) ? terms.priceFor(headcount) : null);
		model.addAttribute("currency", ReservationApi.CURRENCY);
		return "reservation/fragments :: quote";
	}

	@PostMapping("/reservations")
	String book(@Valid @ModelAttribute("booking") BookReservationRequest booking, BindingResult form,
			@AuthenticationPrincipal SessionUser user, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		boolean fragment = "fetch".equals(request.getHeader("X-Requested-With"));
		if (form.hasErrors()) {
			model.addAttribute("status", 400);
			model.addAttribute("messageKey", "error.400");
			return fragment ? "fragments/problem :: problem" : "error";
		}
		ReservationResponse reservation = this.reservations.book(booking, null, user.currentUser()).reservation();
		if (fragment) {
			model.addAttribute("reservation", reservation);
			return "reservation/fragments :: booked";
		}
		redirect.addAttribute("booked", reservation.id());
		return "redirect:/reservations";
	}

	@GetMapping("/reservations")
	String mine(@RequestParam(defaultValue = "0") int page, @AuthenticationPrincipal SessionUser user, Model model) {
		PageResponse<ReservationResponse> mine = this.reservations.list(user.currentUser(),
				PageRequests.of(page, PAGE_SIZE, null, Set.of(), NEWEST_FIRST));
		model.addAttribute("reservations", mine);
		model.addAttribute("titles", titlesOf(mine.content()));
		return "reservation/mine";
	}

	@PostMapping("/reservations/{id}/cancel")
	String cancel(@PathVariable long id, @AuthenticationPrincipal SessionUser user, RedirectAttributes redirect) {
		this.reservations.cancel(id, user.currentUser());
		redirect.addAttribute("cancelled", id);
		return "redirect:/reservations";
	}

	@GetMapping("/guide/tours/{tourId}/bookings")
	String bookings(@PathVariable long tourId, @RequestParam(defaultValue = "0") int page,
			@AuthenticationPrincipal SessionUser user, Model model) {
		PageResponse<ReservationResponse> bookings = this.reservations.forTour(tourId, user.currentUser(),
				PageRequests.of(page, PAGE_SIZE, null, Set.of(), NEWEST_FIRST));
		model.addAttribute("tourId", tourId);
		model.addAttribute("tourTitle", this.titles.of(List.of(tourId)).getOrDefault(tourId, ""));
		model.addAttribute("reservations", bookings);
		return "reservation/bookings";
	}

	private Map<Long, String> titlesOf(List<ReservationResponse> reservations) {
		return this.titles.of(reservations.stream().map(ReservationResponse::tourId).collect(Collectors.toSet()));
	}

}
