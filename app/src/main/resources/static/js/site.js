// Tour Booking: the few in-place updates the pages make. Every form also works without
// this script (full page loads); with it, search updates as you type, the booking form
// previews the price and books without reloading the page. Loaded from the site itself
// (the Content Security Policy allows no inline script).
(function () {
	'use strict';

	var FRAGMENT = { 'X-Requested-With': 'fetch' };

	function fetchFragment(url, options) {
		var init = options || {};
		init.headers = FRAGMENT;
		init.credentials = 'same-origin';
		return fetch(url, init).then(function (response) {
			return response.text().then(function (html) {
				return { ok: response.ok, status: response.status, html: html };
			});
		});
	}

	function queryOf(form) {
		var params = new URLSearchParams();
		new FormData(form).forEach(function (value, name) {
			if (String(value).trim() !== '') {
				params.append(name, value);
			}
		});
		return params.toString();
	}

	function liveSearch(form) {
		var target = document.querySelector(form.getAttribute('data-live-search'));
		var timer = null;
		var controller = null;
		function run() {
			var query = queryOf(form);
			var url = form.getAttribute('action') + (query ? '?' + query : '');
			if (controller) {
				controller.abort();
			}
			controller = new AbortController();
			fetchFragment(url, { signal: controller.signal }).then(function (result) {
				if (result.ok) {
					target.outerHTML = result.html;
					target = document.querySelector(form.getAttribute('data-live-search'));
					history.replaceState(null, '', url);
				}
			}).catch(function (error) {
				if (error.name !== 'AbortError') {
					form.submit();
				}
			});
		}
		form.addEventListener('input', function () {
			clearTimeout(timer);
			timer = setTimeout(run, 250);
		});
		form.addEventListener('submit', function (event) {
			event.preventDefault();
			clearTimeout(timer);
			run();
		});
	}

	function pricePreview(form) {
		var output = document.querySelector(form.getAttribute('data-quote'));
		var departure = form.querySelector('[name="departureId"]');
		var headcount = form.querySelector('[name="headcount"]');
		function update() {
			var count = parseInt(headcount.value, 10);
			if (!departure.value || !(count >= 1)) {
				output.textContent = '';
				return;
			}
			var url = form.getAttribute('data-quote-url') + '?departureId=' + encodeURIComponent(departure.value)
				+ '&headcount=' + count;
			fetchFragment(url).then(function (result) {
				if (result.ok) {
					output.innerHTML = result.html;
				}
			});
		}
		departure.addEventListener('change', update);
		headcount.addEventListener('input', update);
		update();
	}

	function ajaxForm(form) {
		var target = document.querySelector(form.getAttribute('data-ajax'));
		form.addEventListener('submit', function (event) {
			event.preventDefault();
			var button = form.querySelector('button[type="submit"]');
			button.disabled = true;
			fetchFragment(form.getAttribute('action'), { method: 'POST', body: new FormData(form) })
				.then(function (result) {
					target.innerHTML = result.html;
					target.focus();
				})
				.catch(function () {
					form.submit();
				})
				.finally(function () {
					button.disabled = false;
				});
		});
	}

	document.querySelectorAll('form[data-live-search]').forEach(liveSearch);
	document.querySelectorAll('form[data-quote]').forEach(pricePreview);
	document.querySelectorAll('form[data-ajax]').forEach(ajaxForm);
}());
