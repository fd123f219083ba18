package com.example.tourbooking.site;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.tourbooking.PostgresTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site in a real headless Chromium against the whole application on PostgreSQL with
 * the demo data: a traveller, a guide and an admin go through their journeys; every page
 * is checked for console errors, failed requests and serious accessibility violations;
 * the Korean site shows Korean on every page; screenshots of the main pages (desktop and
 * 375 px, English and Korean) go to {@code docs/screenshots/}. Run by
 * {@code make browser-test} (the {@code browser-tests} Maven profile), not by the default
 * build.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tours.demo-data.enabled=true")
@Import(PostgresTestConfiguration.class)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteBrowserTests {

	private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "../docs/screenshots"));

	private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");

	private static final String TRAVELLER = "tess@example.com";

	@LocalServerPort
	private int port;

	private Browser browser;

	private String lisbon;

	private String guideTour;

	@BeforeAll
	void startBrowser() {
		// localhost, not 127.0.0.1: browsers keep Secure cookies for http://localhost.
		this.browser = new Browser("http://localhost:" + this.port);
	}

	@AfterAll
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	@Order(1)
	void aTravellerSearchesSignsUpBooksTwoSeatsAndCancels() {
		this.browser.open("/");
		shoot("home");
		this.browser.type("#q", "Lisbon");
		this.browser.waitUntil(ExpectedConditions.textToBe(By.cssSelector("#results .count"), "1 tour"));
		assertThat(this.browser.url()).as("the search is in the address").contains("q=Lisbon");
		this.browser.click("#results .tour h2 a");
		this.browser.checkPage(200);
		this.lisbon = this.browser.url().replaceFirst("^http://localhost:\\d+", "");
		assertThat(this.browser.text("h1")).isEqualTo("Lisbon Old Town Walk");

		this.browser.click("a[href='/signup']");
		this.browser.checkPage(200);
		this.browser.type("#name", "Tess Traveller");
		this.browser.type("#email", TRAVELLER);
		this.browser.type("#password", "tess-secret-1");
		this.browser.click("main form button[type=submit]");
		this.browser.checkPage(200);
		assertThat(this.browser.text("main .notice")).contains("Your account is ready");
		signIn(TRAVELLER, "tess-secret-1");

		this.browser.open(this.lisbon);
		this.browser.type("#headcount", "2");
		this.browser.waitUntil(ExpectedConditions.textToBe(By.id("quote"), "€70.00"));
		this.browser.click("#book button[type=submit]");
		this.browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-result"), "Booked!"));
		assertThat(this.browser.text("#booking-result")).contains("2 seats", "€70.00");
		assertThat(this.browser.consoleErrors()).isEmpty();
		assertThat(this.browser.failedRequests()).isEmpty();
		shoot("tour-booked");

		this.browser.click("#booking-result a");
		this.browser.checkPage(200);
		assertThat(this.browser.text("main table")).contains("Lisbon Old Town Walk", "€70.00", "Confirmed");
		shoot("reservations");
		this.browser.click("main table form button");
		this.browser.checkPage(200);
		assertThat(this.browser.text("main .notice")).contains("cancelled");
		assertThat(this.browser.text("main table")).contains("Cancelled");
		signOut();
	}

	@Test
	@Order(2)
	void aGuideCreatesATourWithADepartureAndSeesItsBookingsWhileASellOutIsExplained() {
		signIn("guide@example.com", "guide-pass");
		this.browser.open("/guide/tours");
		this.browser.click("main a.button");
		this.browser.checkPage(200);
		this.browser.type("#title", "Seoul Palace Walk");
		this.browser.type("#description", "Gyeongbokgung and the Bukchon hanok village with a local guide.");
		this.browser.type("#region", "Korea");
		this.browser.type("#pricePerPerson", "40");
		this.browser.click("main form button[type=submit]");
		this.browser.checkPage(200);
		assertThat(this.browser.text("main .notice")).contains("The tour is saved.");
		String edit = this.browser.url().replaceFirst("^http://localhost:\\d+", "").replaceFirst("\\?.*$", "");
		this.guideTour = edit.replace("/guide/tours/", "/tours/").replace("/edit", "");
		this.browser.script("document.getElementById('date').value = '" + LocalDate.now().plusDays(30) + "';");
		this.browser.type("#capacity", "3");
		this.browser.click("main section form button[type=submit]");
		this.browser.checkPage(200);
		assertThat(this.browser.text("main .notice")).contains("The departure is added.");
		shoot("guide-tour-form");
		signOut();

		signIn("customer@example.com", "customer-pass");
		this.browser.open(this.guideTour);
		this.browser.type("#headcount", "1");
		this.browser.click("#book button[type=submit]");
		this.browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-result"), "Booked!"));
		this.browser.type("#headcount", "3");
		this.browser.waitUntil(ExpectedConditions.textToBe(By.id("quote"), "€120.00"));
		this.browser.click("#book button[type=submit]");
		this.browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-result"), "Sold out"));
		assertThat(this.browser.text("#booking-result")).contains("Nothing was booked");
		assertThat(this.browser.consoleErrors()).as("only the refused booking's 409")
			.allMatch((error) -> error.contains("/reservations") && error.contains("409"))
			.hasSize(1);
		assertThat(this.browser.axeViolations()).isEmpty();
		shoot("sold-out");
		signOut();

		signIn("guide@example.com", "guide-pass");
		this.browser.open(edit.replace("/edit", "/bookings"));
		assertThat(this.browser.text("h1")).contains("Seoul Palace Walk");
		assertThat(this.browser.driver().findElements(By.cssSelector("main tbody tr"))).hasSize(1);
		assertThat(this.browser.text("main tbody")).contains("€40.00", "Confirmed");
		signOut();
	}

	@Test
	@Order(3)
	void anAdminChangesARole() {
		signIn("admin@example.com", "admin-pass");
		this.browser.open("/admin/users");
		shoot("admin-users");
		String row = "//tr[td[text()='" + TRAVELLER + "']]";
		new Select(this.browser.driver().findElement(By.xpath(row + "//select"))).selectByValue("GUIDE");
		this.browser.driver().findElement(By.xpath(row + "//button")).click();
		this.browser.checkPage(200);
		assertThat(this.browser.text("main .notice")).contains("The role is changed.");
		assertThat(new Select(this.browser.driver().findElement(By.xpath(row + "//select"))).getFirstSelectedOption()
			.getAttribute("value")).isEqualTo("GUIDE");
	}

	@Test
	@Order(4)
	void theKoreanSiteIsKoreanOnEveryPage() {
		// Still signed in as the admin, who sees every page; the switcher's choice is
		// kept.
		this.browser.open("/");
		this.browser.click("a[hreflang='ko']");
		this.browser.checkPage(200);
		String edit = this.guideTour.replace("/tours/", "/guide/tours/") + "/edit";
		for (String page : List.of("/", this.lisbon, "/reservations", "/guide/tours", "/guide/tours/new", edit,
				edit.replace("/edit", "/bookings"), "/admin/users")) {
			this.browser.open(page);
			assertKorean(page);
		}
		this.browser.openExpecting("/tours/999999", 404);
		assertKorean("404");
		shoot("not-found");
		this.browser.open("/");
		shootKorean("home");
		this.browser.open(this.lisbon);
		shootKorean("tour");
		this.browser.open("/reservations");
		shootKorean("reservations");
		this.browser.open("/admin/users");
		shootKorean("admin-users");
		signOut();
		for (String page : List.of("/login", "/signup")) {
			this.browser.open(page);
			assertKorean(page);
		}
		this.browser.open("/login");
		shootKorean("sign-in");
		this.browser.click("a[hreflang='en']");
		this.browser.checkPage(200);
		assertThat(this.browser.html()).contains("lang=\"en\"");
		assertThat(this.browser.axeChecked()).as("pages checked by axe")
			.contains("200 en /", "200 en /tours/{id}", "200 en /signup", "200 en /login", "200 en /reservations",
					"200 en /guide/tours", "200 en /guide/tours/new", "200 en /guide/tours/{id}/edit",
					"200 en /guide/tours/{id}/bookings", "200 en /admin/users", "200 ko /", "200 ko /tours/{id}",
					"200 ko /reservations", "200 ko /guide/tours", "200 ko /guide/tours/new",
					"200 ko /guide/tours/{id}/edit", "200 ko /guide/tours/{id}/bookings", "200 ko /admin/users",
					"404 ko /tours/{id}", "200 ko /login", "200 ko /signup");
	}

	private void assertKorean(String page) {
		assertThat(this.browser.html()).as(page).contains("<html lang=\"ko\"").doesNotContain("??");
		assertThat(HANGUL.matcher(this.browser.text("main")).find()).as("Korean text on %s", page).isTrue();
		assertThat(HANGUL.matcher(this.browser.text("header nav")).find()).as("Korean menu on %s", page).isTrue();
	}

	private void signIn(String email, String password) {
		this.browser.open("/login");
		this.browser.type("#email", email);
		this.browser.type("#password", password);
		this.browser.click("main form button[type=submit]");
		this.browser.checkPage(200);
		assertThat(this.browser.text("header .who")).isNotBlank();
	}

	private void signOut() {
		this.browser.click("header form button[type=submit]");
		this.browser.checkPage(200);
		assertThat(this.browser.driver().findElements(By.cssSelector("header .who"))).isEmpty();
	}

	private void shoot(String name) {
		this.browser.screenshot(SCREENSHOTS.resolve(name + "-en-desktop.png"), 1280);
		this.browser.screenshot(SCREENSHOTS.resolve(name + "-en-375.png"), 375);
	}

	private void shootKorean(String name) {
		this.browser.screenshot(SCREENSHOTS.resolve(name + "-ko-desktop.png"), 1280);
		this.browser.screenshot(SCREENSHOTS.resolve(name + "-ko-375.png"), 375);
	}

}
