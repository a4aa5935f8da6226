// Briefings page: while a generation runs, poll its status and show the documents printed; fetch the list again once it
// ends. Loaded on every staff page, since an enhanced navigation (a form post, a filter) patches the page in place without
// running the scripts it contains: watch() runs on load and after each enhanced load, and keeps one poll at most.
(function () {
    'use strict';
    var timer = null;

    function stop() {
        if (timer !== null) {
            clearInterval(timer);
            timer = null;
        }
    }

    // Shows the list without the "started" notice: patched in place under blazor.web.js, else a plain reload.
    function reloadList() {
        var target = new URL(window.location.href);
        target.searchParams.delete('started');
        if (window.Blazor && typeof window.Blazor.navigateTo === 'function') {
            window.Blazor.navigateTo(target.toString(), { replaceHistoryEntry: true });
        } else {
            window.location.replace(target.toString());
        }
    }

    function watch() {
        stop();
        var box = document.getElementById('briefing-progress');
        if (!box) {
            return;
        }

        var url = box.dataset.status;
        var seen = box.dataset.last || '';

        async function poll() {
            var status;
            try {
                var response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
                if (!response.ok) {
                    return;
                }
                status = await response.json();
            } catch {
                return;
            }

            // The page may have moved on while the answer was on its way.
            if (!document.contains(box)) {
                return;
            }

            if (status.running) {
                var who = status.district ? '（' + status.district + '）' : '';
                box.querySelector('.text').textContent = status.total > 0
                    ? '正在生成 ' + status.period + who + '：已完成 ' + status.done + ' / ' + status.total + ' 份'
                    : '正在生成 ' + status.period + who + '：正在读取数据与评分…';
                var bar = box.querySelector('progress');
                bar.max = Math.max(status.total, 1);
                bar.value = status.done;
                return;
            }

            if (status.lastFinishedAt && String(status.lastFinishedAt) !== seen) {
                // Finished since the page was drawn: show the new list (and the run's result).
                stop();
                reloadList();
            }
        }

        poll();
        timer = setInterval(poll, 1500);
    }

    watch();
    if (window.Blazor && typeof window.Blazor.addEventListener === 'function') {
        window.Blazor.addEventListener('enhancedload', watch);
    }
})();
