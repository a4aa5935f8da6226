// Briefings page: while a generation runs, poll its status and show the documents printed; reload the list once it ends.
(function () {
    const box = document.getElementById('briefing-progress');
    if (!box) {
        return;
    }

    const url = box.dataset.status;
    const seen = box.dataset.last || '';
    const text = box.querySelector('.text');
    const bar = box.querySelector('progress');

    async function poll() {
        let status;
        try {
            const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
            if (!response.ok) {
                return;
            }
            status = await response.json();
        } catch {
            return;
        }

        if (status.running) {
            const who = status.district ? '（' + status.district + '）' : '';
            text.textContent = status.total > 0
                ? '正在生成 ' + status.period + who + '：已完成 ' + status.done + ' / ' + status.total + ' 份'
                : '正在生成 ' + status.period + who + '：正在读取数据与评分…';
            bar.max = Math.max(status.total, 1);
            bar.value = status.done;
            return;
        }

        if (status.lastFinishedAt && String(status.lastFinishedAt) !== seen) {
            // Finished since the page was drawn: show the new list (and the run's result) without the "started" notice.
            const target = new URL(window.location.href);
            target.searchParams.delete('started');
            window.location.replace(target.toString());
        }
    }

    poll();
    setInterval(poll, 1500);
})();
