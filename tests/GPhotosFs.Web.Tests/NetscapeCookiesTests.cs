namespace GPhotosFs.Web.Tests;

public sealed class NetscapeCookiesTests
{
    [Fact]
    public void Reads_httponly_session_and_expiring_cookies_and_names_a_bad_line()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# Netscape HTTP Cookie File\n\n#HttpOnly_.google.com\tTRUE\t/\tTRUE\t1893456000\tSID\tabc\tdef\nphotos.google.com\tFALSE\t/\tFALSE\t0\tNID\txyz\n");
            var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var cookies = NetscapeCookies.Read(path, now);
            Assert.Equal(2, cookies.Count);
            Assert.True(cookies[0].HttpOnly);
            Assert.True(cookies[0].Secure);
            Assert.Equal("abc\tdef", cookies[0].Value);
            Assert.Equal(1893456000, cookies[0].Expires);
            Assert.True(cookies[1].Expires > now.AddDays(300).ToUnixTimeSeconds()); // a session cookie is kept, not lost at the next start

            File.AppendAllText(path, "not a cookie\n");
            var error = Assert.Throws<FormatException>(() => NetscapeCookies.Read(path, now));
            Assert.Contains("line 5", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
