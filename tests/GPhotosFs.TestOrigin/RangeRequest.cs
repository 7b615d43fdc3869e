namespace GPhotosFs.TestOrigin;

/// <summary>What a Range header amounts to for one blob.</summary>
public enum RangeRequest
{
    /// <summary>No Range header: the whole blob, 200.</summary>
    None,

    /// <summary>A Range header this origin does not honour: the whole blob, 200.</summary>
    Ignored,

    /// <summary>A range within the blob: 206.</summary>
    Satisfiable,

    /// <summary>A range starting at or past the end: 416.</summary>
    Unsatisfiable,
}
