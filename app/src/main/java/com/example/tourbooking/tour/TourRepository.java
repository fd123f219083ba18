package com.example.tourbooking.tour;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Stores tours; the catalogue only ever sees tours that are not deleted.
 */
interface TourRepository extends JpaRepository<Tour, Long>, JpaSpecificationExecutor<Tour> {

	Optional<Tour> findByIdAndDeletedAtIsNull(long id);

}
