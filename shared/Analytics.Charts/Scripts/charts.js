// Draws every <div data-chart='{...ECharts options...}'> with Apache ECharts, as SVG. One script for the dashboard
// (served at /lib/charts/charts.js, echarts at /lib/echarts) and the PDF briefings (inlined into the page before printing).
// Pages always carry the same numbers as a text table.
// Print mode (<html data-print>): no animation, the element's own font, and <html data-charts-drawn="N"> once every
// chart has finished rendering, so the printer never captures a half-drawn chart.
// Click-through (data-chart-links, see linkTo): a bar or a heat-map cell opens the page it stands for.
// Staff pages load blazor.web.js: after an enhanced navigation (or a streamed update) patches the page, draw() runs again
// and draws only the containers that are new or whose options changed, disposing charts whose container is gone.
(function () {
    'use strict';
    var root = document.documentElement;
    var print = root.hasAttribute('data-print');
    var charts = [];

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
            if (!target) {
                return;
            }
            if (window.Blazor && typeof window.Blazor.navigateTo === 'function') {
                window.Blazor.navigateTo(target);
            } else {
                window.location.href = target;
            }
        });
    }

    // Disposes the charts whose container left the page or whose options changed; returns the containers to draw.
    function prune(elements) {
        var kept = [];
        charts = charts.filter(function (entry) {
            var current = document.contains(entry.element) && entry.element.getAttribute('data-chart') === entry.options
                && entry.element.querySelector('svg') !== null;
            if (current) {
                kept.push(entry.element);
                return true;
            }
            entry.chart.dispose();
            return false;
        });
        return Array.prototype.filter.call(elements, function (element) { return kept.indexOf(element) < 0; });
    }

    function draw() {
        if (typeof window.echarts === 'undefined') {
            return;
        }
        var elements = document.querySelectorAll('[data-chart]');
        var fresh = prune(elements);
        var pending = fresh.length;
        function done() {
            pending--;
            if (pending <= 0) {
                root.setAttribute('data-charts-drawn', String(charts.length));
            }
        }
        var reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        fresh.forEach(function (element) {
            var source = element.getAttribute('data-chart');
            try {
                var options = JSON.parse(source);
                // A container kept by the page patch may still carry a disposed chart's marker attribute.
                element.removeAttribute('_echarts_instance_');
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
                charts.push({ chart: chart, element: element, options: source });
                if (!print) {
                    done();
                }
            } catch (e) {
                element.textContent = '图表无法显示，请参看下方数据表。';
                done();
            }
        });
        if (fresh.length === 0) {
            root.setAttribute('data-charts-drawn', String(charts.length));
        }
    }

    function start() {
        draw();
        window.addEventListener('resize', function () {
            charts.forEach(function (entry) { entry.chart.resize(); });
        });
        if (window.Blazor && typeof window.Blazor.addEventListener === 'function') {
            window.Blazor.addEventListener('enhancedload', draw);
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
