namespace GPhotosFs.WebEmulator;

/// <summary>What the emulated account holds and how its pages behave; every field has a small default for tests.</summary>
public sealed record WebEmulatorOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    public int ItemCount { get; init; } = 24;

    public int AlbumCount { get; init; } = 2;

    public int Seed { get; init; } = 1;

    /// <summary>Every Nth item is a video (0: none).</summary>
    public int VideoEvery { get; init; } = 6;

    /// <summary>Every Nth item is a motion photo, downloaded as a .zip of its photo and video (0: none).</summary>
    public int MotionEvery { get; init; } = 10;

    /// <summary>These items are videos that stay "still processing" and never download.</summary>
    public IReadOnlyList<int> ProcessingItems { get; init; } = [];

    /// <summary>The UI language: en, nl or de (a request's <c>?hl=</c> wins).</summary>
    public string Locale { get; init; } = "en";

    /// <summary>The account's "today": tile labels omit the year of items taken in this year.</summary>
    public DateTimeOffset? Now { get; init; }

    public int PhotoWidth { get; init; } = 64;

    public int PhotoHeight { get; init; } = 48;

    /// <summary>Tiles the grid fetches per lazy load.</summary>
    public int GridPage { get; init; } = 60;

    /// <summary>Tiles kept in the DOM at once: older ones leave as the grid scrolls (virtualization).</summary>
    public int GridWindow { get; init; } = 90;

    /// <summary>Added to every request (network latency).</summary>
    public TimeSpan Latency { get; init; }

    public string Email { get; init; } = "user@example.com";

    public string Password { get; init; } = "correct horse";
}
