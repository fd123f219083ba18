package com.example.tourbooking.tour;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.example.tourbooking.system.PageController;
import com.example.tourbooking.system.PageFormats;
import com.example.tourbooking.system.PageRequests;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.tour.TourExceptions.InvalidRangeException;
import com.example.tourbooking.tour.TourResponses.TourResponse;

/**
 * The home page (search the catalogue, as you type) and a tour's page (departures, seats
 * left, the booking form), on the same service as the JSON catalogue.
 */
@PageController
class TourPageController {

	static final int PAGE_SIZE = 6;

	private static final PageResponse<TourResponse> NO_RESULTS = new PageResponse<>(List.of(), 0, PAGE_SIZE, 0, 0);

	private final TourCatalogue catalogue;

	private final TourService tours;

	private final PageFormats formats;

	private final Clock clock;

	TourPageController(TourCatalogue catalogue, TourService tours, PageFormats formats, Clock clock) {
		this.catalogue = catalogue;
		this.tours = tours;
		this.formats = formats;
		this.clock = clock;
	}

	@InitBinder("search")
	void searchFields(WebDataBinder binder) {
		// The search form is a bean: binding is declarative (WebConfiguration), these are
		// the properties it declares, so nothing like from.year reaches a setter.
		binder.setAllowedFields("q", "region", "from", "to", "minPrice", "maxPrice");
	}

	@GetMapping("/")
	String home(@ModelAttribute("search") SearchForm search, BindingResult form,
			@RequestParam(defaultValue = "0") int page, Locale locale, HttpServletRequest request, Model model) {
		PageResponse<TourResponse> results = form.hasErrors() ? NO_RESULTS : search(search, page, form);
		model.addAttribute("results", results);
		model.addAttribute("cards",
				results.content().stream().map((tour) -> TourCard.of(tour, this.formats, locale)).toList());
		model.addAttribute("pages",
				IntStream.range(0, results.totalPages())
					.mapToObj((number) -> new PageLink(number + 1, search.link(number), number == results.page()))
					.toList());
		return "fetch".equals(request.getHeader("X-Requested-With")) ? "tour/home :: results" : "tour/home";
	}

	private PageResponse<TourResponse> search(SearchForm search, int page, BindingResult form) {
		try {
			return this.catalogue.search(search.toSearch(),
					PageRequests.of(Math.max(page, 0), PAGE_SIZE, null, Set.of(), Sort.by("title").and(Sort.by("id"))));
		}
		catch (InvalidRangeException ex) {
			form.reject("search.invalidRange");
			return NO_RESULTS;
		}
	}

	@GetMapping("/tours/{id}")
	String tour(@PathVariable long id, Model model) {
		model.addAttribute("tour", this.tours.find(id));
		model.addAttribute("today", LocalDate.now(this.clock));
		return "tour/tour";
	}

	/**
	 * A tour as the home page lists it, with its price and next departure already written
	 * for the reader. Formatted here once per card rather than by {@code @fmt} calls in
	 * the template: each such call went through SpEL's bean lookup, method resolution and
	 * argument conversion, a tenth of the home page's CPU.
	 *
	 * @param id the tour
	 * @param title its title
	 * @param region its region
	 * @param description its description
	 * @param price price per person in the reader's locale
	 * @param nextDeparture the first departure's date in the reader's locale, if any
	 */
	record TourCard(long id, String title, String region, String description, String price,
			@Nullable String nextDeparture) {

		static TourCard of(TourResponse tour, PageFormats formats, Locale locale) {
			return new TourCard(tour.id(), tour.title(), tour.region(), tour.description(),
					formats.money(tour.pricePerPerson(), tour.currency(), locale),
					tour.departures().isEmpty() ? null : formats.date(tour.departures().get(0).date(), locale));
		}

	}

	/**
	 * One link of the pager.
	 *
	 * @param label the page number shown (1-based)
	 * @param href where it leads
	 * @param current whether it is the page shown
	 */
	record PageLink(int label, String href, boolean current) {
	}

}
