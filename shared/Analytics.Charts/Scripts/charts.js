// Draws every <div data-chart='{...ECharts options...}'> with Apache ECharts, as SVG. One script for the dashboard
// (served at /lib/charts/charts.js, echarts at /lib/echarts) and the PDF briefings (inlined into the page before printing).
// Pages always carry the same numbers as a text table.
// Print mode (<html data-print>): no animation, the element's own font, and <html data-charts-drawn="N"> once every
// chart has finished rendering, so the printer never captures a half-drawn chart.
// Click-through (data-chart-links, see linkTo): a bar or a heat-map cell opens the page it stands for.
(function () {
    'use strict';
    var root = document.documentElement;
    var print = root.hasAttribute('data-print');

    // A heat-map cell's tooltip names its row (the 街镇) and column, which ECharts' default leaves out.
    function nameHeatMapCells(options) {
        var heat = (options.series || []).some(function (s) { return s.type === 'heatmap'; });
        if (!heat || !options.tooltip || options.tooltip.formatter) {
            return;
        }
        var columns = options.xAxis.data;
        var rows = options.yAxis.data;
        options.tooltip.formatter = function (p) {
            var v = p.value[2];
            return rows[p.value[1]] + ' · ' + columns[p.value[0]] + '：' + (v === '-' ? '无' : v + '%');
        };
    }

    // The one click handler of every linked chart: links[i] for the i-th bar, links[row][column] for a heat-map cell.
    function linkTo(chart, element) {
        var links = element.getAttribute('data-chart-links');
        if (!links) {
            return;
        }
        links = JSON.parse(links);
        chart.on('click', function (p) {
            var target = p.seriesType === 'heatmap'
                ? (links[p.value[1]] || [])[p.value[0]]
                : links[p.dataIndex];
            if (target) {
                window.location.href = target;
            }
        });
    }

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
        var reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        var elements = document.querySelectorAll('[data-chart]');
        pending = elements.length;
        elements.forEach(function (element) {
            try {
                var options = JSON.parse(element.getAttribute('data-chart'));
                var chart = window.echarts.init(element, null, { renderer: 'svg' });
                // Readers who ask the system for reduced motion get the final chart at once, as a print does.
                if (print || reducedMotion) {
                    options.animation = false;
                }
                if (print) {
                    options.textStyle = Object.assign({ fontFamily: window.getComputedStyle(element).fontFamily }, options.textStyle);
                    chart.on('finished', function once() {
                        chart.off('finished', once);
                        done();
                    });
                }
                nameHeatMapCells(options);
                chart.setOption(options);
                linkTo(chart, element);
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
