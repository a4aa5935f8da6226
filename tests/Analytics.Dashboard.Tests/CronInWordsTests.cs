using Analytics.Dashboard.Admin;

namespace Analytics.Dashboard.Tests;

public sealed class CronInWordsTests
{
    [Theory]
    [InlineData("0 0 2 5 1,4,7,10 ?", "每季度首月 5 日 02:00")]
    [InlineData("0 0 3 10 1,4,7,10 ?", "每季度首月 10 日 03:00")]
    [InlineData("0 0 3 10 1/3 ?", "每季度首月 10 日 03:00")]
    [InlineData("0 0 2 5 3,6,9,12 ?", "每季度末月 5 日 02:00")]
    [InlineData("0 0 2 1 * ?", "每月 1 日 02:00")]
    [InlineData("0 0 2 L * ?", "每月最后一日 02:00")]
    [InlineData("0 30 1 * * ?", "每日 01:30")]
    [InlineData("0 0 2 ? * MON", "每周一 02:00")]
    [InlineData("0 0 2 ? * SUN,SAT", "每周日、六 02:00")]
    [InlineData("0 0 2 5 7,1 ?", "每年 1、7 月 5 日 02:00")]
    [InlineData("15 5 23 5 1 ? *", "每年 1 月 5 日 23:05:15")]
    public void A_fixed_time_schedule_reads_in_Chinese_words(string cron, string words) =>
        Assert.Equal(words, CronInWords.Describe(cron));

    [Theory]
    [InlineData("0 0/15 * * * ?")]
    [InlineData("0 0 2 1-5 * ?")]
    [InlineData("0 0 2 5 1,4,7,10 ? 2027")]
    [InlineData("not a cron")]
    public void Any_other_shape_has_no_words_and_the_page_shows_the_expression(string cron) =>
        Assert.Null(CronInWords.Describe(cron));
}
