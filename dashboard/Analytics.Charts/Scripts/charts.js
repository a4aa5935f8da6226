// Draws every <div data-chart='{...ECharts options...}'> with Apache ECharts, as SVG. One script for the dashboard
// (served at /lib/charts/charts.js, echarts at /lib/echarts) and the PDF briefings (inlined into the page before printing).
// Pages always carry the same numbers as a text table.
// Print mode (<html data-print>): no animation, the element's own font, and <html data-charts-drawn="N"> once every
// chart has finished rendering, so the printer never captures a half-drawn chart.
(function () {
    'use strict';
    var root = document.documentElement;
    var print = root.hasAttribute('data-print');

    function draw() {
        if (typeof window.echarts === 'undefined') {
            return;
        }
        var charts = [];
        var pending = 0;
        function done() {
            pending--;
            if (pending <= 0) {
                root.setAttribute('data-charts-drawn', String(charts.length));
            }
        }
        var elements = document.querySelectorAll('[data-chart]');
        pending = elements.length;
        elements.forEach(function (element) {
            try {
                var options = JSON.parse(element.getAttribute('data-chart'));
                var chart = window.echarts.init(element, null, { renderer: 'svg' });
                if (print) {
                    options.animation = false;
                    options.textStyle = Object.assign({ fontFamily: window.getComputedStyle(element).fontFamily }, options.textStyle);
                    chart.on('finished', function once() {
                        chart.off('finished', once);
                        done();
                    });
                }
                chart.setOption(options);
                charts.push(chart);
                if (!print) {
                    done();
                }
            } catch (e) {
                element.textContent = '图表无法显示，请参看下方数据表。';
                done();
            }
        });
        if (elements.length === 0) {
            root.setAttribute('data-charts-drawn', '0');
        }
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
