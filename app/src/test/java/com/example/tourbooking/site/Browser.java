package com.example.tourbooking.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium driven by Debian's chromedriver. Nothing is downloaded: the driver
 * executable is named in the {@code webdriver.chrome.driver} property, so Selenium's
 * DriverFinder never asks selenium-manager (read in SeleniumHQ/selenium
 * java/src/org/openqa/selenium/remote/service/DriverFinder.java: the service's
 * executable, then that property, and only then selenium-manager), and the browser binary
 * is set in the options. Every page it opens is checked for console errors, failed
 * requests and serious accessibility violations.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));

	static final Path AXE = Path
		.of(System.getProperty("browser.axe", "target/browser-tools/node_modules/axe-core/axe.min.js"));

	private static final String WHAT_TO_DO = "The browser tests need Debian's chromium and chromium-driver and npm's "
			+ "axe-core: run `make browser-test` (it installs them), or `apt-get install chromium chromium-driver` and "
			+ "`npm install --prefix app/target/browser-tools axe-core`.";

	private final ChromeDriver driver;

	private final String baseUrl;

	private final String axeSource;

	private final WebDriverWait wait;

	private final Set<String> axeChecked = new TreeSet<>();

	Browser(String baseUrl) {
		assertThat(CHROMIUM).as(WHAT_TO_DO).isExecutable();
		assertThat(CHROMEDRIVER).as(WHAT_TO_DO).isExecutable();
		assertThat(AXE).as(WHAT_TO_DO).isRegularFile();
		try {
			this.axeSource = Files.readString(AXE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--disable-extensions", "--lang=en-US", "--window-size=1280,900");
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		this.driver = new ChromeDriver(options);
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		this.baseUrl = baseUrl;
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
	}

	/** Opens a page and checks it: no console error, no failed request, axe clean. */
	void open(String path) {
		this.driver.get(this.baseUrl + path);
		checkPage(200);
	}

	/** Opens a page that answers with an error status on purpose (its friendly page). */
	void openExpecting(String path, int status) {
		this.driver.get(this.baseUrl + path);
		checkPage(status);
	}

	/**
	 * Checks the page now shown (after a click or form): status, console, requests, axe.
	 * @param status the HTTP status the page's document came with
	 */
	void checkPage(int status) {
		waitForLoad();
		Object documentStatus = script(
				"const nav = performance.getEntriesByType('navigation')[0]; return nav ? nav.responseStatus : 0;");
		assertThat(((Number) documentStatus).intValue()).as("status of %s", url()).isEqualTo(status);
		List<String> failed = failedRequests();
		assertThat(failed).as("failed requests on %s", url()).isEmpty();
		List<String> errors = consoleErrors();
		if (status >= 400) {
			errors.removeIf((error) -> error.contains("status of " + status));
		}
		assertThat(errors).as("console errors on %s", url()).isEmpty();
		// axe takes seconds a page: once per page template and language.
		String template = status + " " + script("return document.documentElement.lang;") + " "
				+ url().replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "").replaceAll("/\\d+", "/{id}");
		if (this.axeChecked.add(template)) {
			assertThat(axeViolations()).as("serious or critical accessibility violations on %s", url()).isEmpty();
		}
	}

	/** The pages axe has checked, as "status language path-template". */
	Set<String> axeChecked() {
		return this.axeChecked;
	}

	/** Console errors since the last call (reading the log empties it). */
	List<String> consoleErrors() {
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
				errors.add(entry.getMessage());
			}
		}
		return errors;
	}

	@SuppressWarnings("unchecked")
	List<String> failedRequests() {
		return (List<String>) script("return performance.getEntriesByType('resource')"
				+ ".filter(e => e.responseStatus >= 400).map(e => e.responseStatus + ' ' + e.name);");
	}

	List<String> axeViolations() {
		if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object';"))) {
			script(this.axeSource);
		}
		String result = (String) this.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
				+ "axe.run(document, { resultTypes: ['violations'] }).then(r => done("
				+ "r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
				+ ".map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
				+ ".join('\\n'))).catch(e => done('axe failed: ' + e));");
		return result.isEmpty() ? List.of() : List.of(result.split("\\n"));
	}

	/** Full-page screenshot at the given width. */
	void screenshot(Path file, int width) {
		Dimension original = this.driver.manage().window().getSize();
		this.driver.manage().window().setSize(new Dimension(width, 900));
		long height = ((Number) script("return Math.min(4000, document.documentElement.scrollHeight);")).longValue();
		this.driver.manage().window().setSize(new Dimension(width, (int) Math.max(height, 600)));
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.driver.manage().window().setSize(original);
		}
	}

	WebElement find(String css) {
		return this.wait.until((driver) -> driver.findElement(By.cssSelector(css)));
	}

	void type(String css, String text) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(text);
	}

	void click(String css) {
		find(css).click();
	}

	void waitUntil(ExpectedCondition<?> condition) {
		this.wait.until(condition);
	}

	String text(String css) {
		return find(css).getText();
	}

	String url() {
		return this.driver.getCurrentUrl();
	}

	String html() {
		return this.driver.getPageSource();
	}

	Object script(String source) {
		return ((JavascriptExecutor) this.driver).executeScript(source);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	private void waitForLoad() {
		this.wait.until((driver) -> "complete".equals(script("return document.readyState;")));
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
