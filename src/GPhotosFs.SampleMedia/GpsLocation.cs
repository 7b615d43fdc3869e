namespace GPhotosFs.SampleMedia;

/// <summary>
/// A WGS-84 position. Latitude is positive north, longitude positive east; altitude is metres above
/// sea level (negative below) and optional because many real photos carry no altitude.
/// </summary>
public readonly record struct GpsLocation(double Latitude, double Longitude, double? AltitudeMeters = null)
{
    /// <summary>Throws when the position cannot be written to EXIF or ISO 6709.</summary>
    internal void Validate(string paramName)
    {
        if (!double.IsFinite(Latitude) || Latitude < -90 || Latitude > 90)
            throw new ArgumentOutOfRangeException(paramName, Latitude, "Latitude must be within [-90, 90].");
        if (!double.IsFinite(Longitude) || Longitude < -180 || Longitude > 180)
            throw new ArgumentOutOfRangeException(paramName, Longitude, "Longitude must be within [-180, 180].");
        // EXIF stores |altitude| * 100 as a 32-bit numerator.
        if (AltitudeMeters is { } alt && (!double.IsFinite(alt) || Math.Abs(alt) > 40_000_000))
            throw new ArgumentOutOfRangeException(paramName, alt, "Altitude must be finite and within ±40,000 km.");
    }
}
