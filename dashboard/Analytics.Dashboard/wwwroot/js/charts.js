// Draws every <div data-chart='{...ECharts options...}'> with Apache ECharts (served from /lib/echarts).
// The options are rendered on the server; pages always carry the same numbers as a text table.
(function () {
    'use strict';
    function draw() {
        if (typeof window.echarts === 'undefined') {
            return;
        }
        var charts = [];
        document.querySelectorAll('[data-chart]').forEach(function (element) {
            try {
                var chart = window.echarts.init(element, null, { renderer: 'svg' });
                chart.setOption(JSON.parse(element.getAttribute('data-chart')));
                charts.push(chart);
            } catch (e) {
                element.textContent = '图表无法显示，请参看下方数据表。';
            }
        });
        window.addEventListener('resize', function () {
            charts.forEach(function (chart) { chart.resize(); });
        });
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', draw);
    } else {
        draw();
    }
})();
