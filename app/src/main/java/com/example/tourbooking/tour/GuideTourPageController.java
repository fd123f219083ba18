package com.example.tourbooking.tour;

import java.util.List;
import java.util.Set;

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

import com.example.tourbooking.system.PageController;
import com.example.tourbooking.system.PageRequests;
import com.example.tourbooking.tour.TourRequests.CreateTourRequest;
import com.example.tourbooking.tour.TourRequests.NewDepartureRequest;
import com.example.tourbooking.tour.TourRequests.UpdateTourRequest;
import com.example.tourbooking.tour.TourResponses.TourResponse;
import com.example.tourbooking.user.SessionUser;

/**
 * A guide's pages: their tours, creating and editing one, adding a departure, deleting
 * it. Only guides and admins get here (page security chain); whether this guide may
 * change this tour is the service's rule, the same as for the API.
 */
@PageController
class GuideTourPageController {

	private static final int PAGE_SIZE = 20;

	private final TourService tours;

	private final GuideTours guideTours;

	private final TourBookings bookings;

	GuideTourPageController(TourService tours, GuideTours guideTours, TourBookings bookings) {
		this.tours = tours;
		this.guideTours = guideTours;
		this.bookings = bookings;
	}

	@GetMapping("/guide/tours")
	String myTours(@RequestParam(defaultValue = "0") int page, @AuthenticationPrincipal SessionUser user, Model model) {
		model.addAttribute("tours", this.guideTours.managedBy(user.currentUser(),
				PageRequests.of(page, PAGE_SIZE, null, Set.of(), Sort.by("title").and(Sort.by("id")))));
		return "tour/guide-tours";
	}

	@GetMapping("/guide/tours/new")
	String newTour(Model model) {
		model.addAttribute("tour", new UpdateTourRequest("", "", "", null));
		return "tour/tour-form";
	}

	@PostMapping("/guide/tours")
	String create(@Valid @ModelAttribute("tour") UpdateTourRequest tour, BindingResult form,
			@AuthenticationPrincipal SessionUser user, RedirectAttributes redirect) {
		if (form.hasErrors()) {
			return "tour/tour-form";
		}
		TourResponse created = this.tours.create(new CreateTourRequest(tour.title(), tour.description(), tour.region(),
				tour.pricePerPerson(), List.of()), user.currentUser());
		redirect.addAttribute("saved", "");
		return "redirect:/guide/tours/" + created.id() + "/edit";
	}

	@GetMapping("/guide/tours/{id}/edit")
	String edit(@PathVariable long id, @AuthenticationPrincipal SessionUser user, Model model) {
		this.bookings.requireManager(id, user.currentUser());
		TourResponse tour = this.tours.find(id);
		model.addAttribute("tourId", id);
		model.addAttribute("tour",
				new UpdateTourRequest(tour.title(), tour.description(), tour.region(), tour.pricePerPerson()));
		model.addAttribute("departures", tour.departures());
		model.addAttribute("departure", new NewDepartureRequest(null, null));
		return "tour/tour-form";
	}

	@PostMapping("/guide/tours/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("tour") UpdateTourRequest tour, BindingResult form,
			@AuthenticationPrincipal SessionUser user, Model model, RedirectAttributes redirect) {
		if (form.hasErrors()) {
			TourResponse current = this.tours.find(id);
			model.addAttribute("tourId", id);
			model.addAttribute("departures", current.departures());
			model.addAttribute("departure", new NewDepartureRequest(null, null));
			return "tour/tour-form";
		}
		this.tours.update(id, tour, user.currentUser());
		redirect.addAttribute("saved", "");
		return "redirect:/guide/tours/" + id + "/edit";
	}

	@PostMapping("/guide/tours/{id}/departures")
	String addDeparture(@PathVariable long id, @Valid @ModelAttribute("departure") NewDepartureRequest departure,
			BindingResult form, @AuthenticationPrincipal SessionUser user, Model model, RedirectAttributes redirect) {
		if (form.hasErrors()) {
			TourResponse current = this.tours.find(id);
			model.addAttribute("tourId", id);
			model.addAttribute("tour", new UpdateTourRequest(current.title(), current.description(), current.region(),
					current.pricePerPerson()));
			model.addAttribute("departures", current.departures());
			return "tour/tour-form";
		}
		this.tours.addDeparture(id, departure, user.currentUser());
		redirect.addAttribute("departureAdded", "");
		return "redirect:/guide/tours/" + id + "/edit";
	}

	@PostMapping("/guide/tours/{id}/delete")
	String delete(@PathVariable long id, @AuthenticationPrincipal SessionUser user, RedirectAttributes redirect) {
		this.tours.delete(id, user.currentUser());
		redirect.addAttribute("deleted", "");
		return "redirect:/guide/tours";
	}

}
