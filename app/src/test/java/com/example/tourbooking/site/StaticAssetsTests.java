package com.example.tourbooking.site;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.example.tourbooking.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site's own assets are served and nothing else is: pages link CSS and JS by
 * content-hashed names cached for a year, the favicon and robots.txt keep their names
 * with a day's cache, and with no catch-all static handler a page path is never taken for
 * a file ({@code WebConfiguration#addResourceHandlers}).
 */
class StaticAssetsTests extends ApiTestSupport {

	private static final Pattern ASSET = Pattern
		.compile("(?:href|src)=\"(/(?:css|js)/site-[0-9a-f]{32}\\.(?:css|js))\"");

	private final PageClient pages = new PageClient();

	@LocalServerPort
	private int port;

	@Test
	void pagesLinkHashedAssetsCachedForAYear() throws Exception {
		HttpResponse<String> home = this.pages.get(this.port, "/", null);
		Matcher assets = ASSET.matcher(home.body());

		int found = 0;
		while (assets.find()) {
			HttpResponse<String> asset = this.pages.get(this.port, assets.group(1), null);
			assertThat(asset.statusCode()).as(assets.group(1)).isEqualTo(200);
			assertThat(asset.headers().firstValue("Cache-Control")).as(assets.group(1))
				.hasValue("max-age=31536000, public");
			found++;
		}
		assertThat(found).as("hashed stylesheet and script links in the home page").isEqualTo(2);
		assertThat(home.body()).doesNotContain("href=\"/css/site.css\"", "src=\"/js/site.js\"");
	}

	@Test
	void theFaviconAndRobotsTxtKeepTheirNamesWithADaysCache() throws Exception {
		for (String path : new String[] { "/favicon.svg", "/robots.txt" }) {
			HttpResponse<String> file = this.pages.get(this.port, path, null);
			assertThat(file.statusCode()).as(path).isEqualTo(200);
			assertThat(file.headers().firstValue("Cache-Control")).as(path).hasValue("max-age=86400, public");
		}
	}

	@Test
	void nothingElseIsServedAsAFile() throws Exception {
		for (String path : new String[] { "/application.yml", "/messages.properties", "/static/css/site.css",
				"/templates/tour/home.html", "/css/../application.yml", "/db/migration/V1__create_users.sql" }) {
			HttpResponse<String> response = this.pages.get(this.port, path, null);
			assertThat(response.statusCode()).as(path).isIn(302, 400, 404);
			assertThat(response.body()).as(path).doesNotContainIgnoringCase("create table").doesNotContain("spring:");
		}
	}

}
