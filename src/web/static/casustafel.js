/*
 * casustafel.js - progressive enhancement only: every page and form works
 * without it.
 *  - Moves focus to the error summary after a refused form, so a
 *    screen-reader user hears what went wrong first.
 *  - A GET form marked data-partial="ID" (the case search) fetches its
 *    answer and swaps only the element ID for the same element of the new
 *    page, keeping the form, the focus and the scroll; the address bar
 *    follows, so the result can be bookmarked. Anything unexpected (an
 *    error page, a redirect to sign-in, no fetch) falls back to loading
 *    the whole page, exactly as without the script.
 */
(function () {
	'use strict';

	function partialSubmit(form, event) {
		var target = document.getElementById(form.dataset.partial);
		var url;

		if (!target || !window.fetch || !window.DOMParser ||
		    !window.URLSearchParams)
			return;
		event.preventDefault();
		url = form.action + '?' +
			new URLSearchParams(new FormData(form)).toString();
		target.setAttribute('aria-busy', 'true');
		fetch(url, { credentials: 'same-origin' })
			.then(function (r) {
				if (!r.ok || r.redirected)
					throw new Error('geen deelantwoord');
				return r.text();
			})
			.then(function (html) {
				var doc = new DOMParser()
					.parseFromString(html, 'text/html');
				var fresh = doc.getElementById(target.id);

				if (!fresh)
					throw new Error('geen deelantwoord');
				target.replaceWith(document.importNode(fresh, true));
				window.history.replaceState(null, '', url);
			})
			.catch(function () {
				window.location.assign(url);
			});
	}

	document.addEventListener('DOMContentLoaded', function () {
		var summary = document.getElementById('fouten');
		var forms = document.querySelectorAll('form[data-partial]');
		var i;

		if (summary)
			summary.focus();
		for (i = 0; i < forms.length; i++)
			forms[i].addEventListener('submit',
				partialSubmit.bind(null, forms[i]));
	});
}());
