/*
 * casustafel.js - progressive enhancement only: every page and form works
 * without it. Moves focus to the error summary after a refused form, so a
 * screen-reader user hears what went wrong first.
 */
(function () {
	'use strict';
	document.addEventListener('DOMContentLoaded', function () {
		var summary = document.getElementById('fouten');
		if (summary)
			summary.focus();
	});
}());
