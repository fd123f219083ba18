package com.example.tourbooking.tour;

import net.logstash.logback.marker.LogstashMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.example.tourbooking.system.BusinessEvents;
import com.example.tourbooking.user.CurrentUser;

/**
 * Logs changes to the catalogue as business events.
 */
@Component
class TourEvents {

	private static final Logger log = LoggerFactory.getLogger(TourEvents.class);

	void created(Tour tour, CurrentUser by) {
		log.info(event("tour-created", tour), "Tour {} created by user {}", tour.getId(), by.id());
	}

	void changed(Tour tour, CurrentUser by) {
		log.info(event("tour-changed", tour), "Tour {} changed by user {}", tour.getId(), by.id());
	}

	void deleted(Tour tour, CurrentUser by) {
		log.info(event("tour-deleted", tour), "Tour {} deleted by user {}", tour.getId(), by.id());
	}

	private static LogstashMarker event(String action, Tour tour) {
		return BusinessEvents.event(action, "success", "tour.id", String.valueOf(tour.getId()), "tour.title",
				tour.getTitle());
	}

}
