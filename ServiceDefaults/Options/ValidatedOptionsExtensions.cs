using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/> and checks it when the host starts, not when
    /// first read: data annotations (and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>), plus
    /// whatever the caller chains onto the returned builder. A bad value stops the service at start, naming the setting.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section) where TOptions : class =>
        services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
