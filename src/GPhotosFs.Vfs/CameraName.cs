namespace GPhotosFs.Vfs;

/// <summary>
/// The camera as the <c>user.gphotos.camera</c> attribute shows it: make and model, without saying
/// the make twice. Many cameras repeat it in the model (make "Canon", model "Canon EOS 5D"; make
/// "NIKON CORPORATION", model "NIKON D750"), so a model that starts with the make's first word
/// stands alone; otherwise the make goes first ("Google" + "Pixel 7").
/// </summary>
public static class CameraName
{
    public static string? Describe(string? make, string? model)
    {
        make = string.IsNullOrWhiteSpace(make) ? null : make.Trim();
        model = string.IsNullOrWhiteSpace(model) ? null : model.Trim();
        if (make is null || model is null)
        {
            return model ?? make;
        }

        var brand = make.Split(' ', 2)[0];
        return model.StartsWith(brand, StringComparison.OrdinalIgnoreCase) && (model.Length == brand.Length || !char.IsLetterOrDigit(model[brand.Length]))
            ? model
            : $"{make} {model}";
    }
}
