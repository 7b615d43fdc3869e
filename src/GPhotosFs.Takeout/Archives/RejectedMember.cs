namespace GPhotosFs.Takeout.Archives;

/// <summary>A member left out of the library on purpose (hostile name, link, bomb, damage), named as the archive spells it.</summary>
public sealed record RejectedMember(string PartName, string Member, string Reason)
{
    public override string ToString() => $"{PartName}: '{Member}': {Reason}";
}
